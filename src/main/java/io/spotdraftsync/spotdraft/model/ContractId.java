package io.spotdraftsync.spotdraft.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A composite contract id, {@code T-123} (template family) or {@code H-123} (historical: imported executed
 * contracts). Webhooks carry only the number, which may be ambiguous between the two families.
 */
public record ContractId(char family, long number) {

    private static final Pattern COMPOSITE = Pattern.compile("^([HT])-([0-9]{1,18})$");

    public ContractId {
        if (family != 'T' && family != 'H') {
            throw new IllegalArgumentException("A contract id family is T or H, not " + family);
        }
    }

    /**
     * The composite ids a webhook's numeric id may stand for: {@code T-n} and {@code H-n} (the two families may
     * number independently), in that order, for each id.
     */
    public static java.util.List<String> candidates(java.util.Collection<Long> numericIds) {
        java.util.List<String> ids = new java.util.ArrayList<>(2 * numericIds.size());
        for (long number : numericIds) {
            ids.add("T-" + number);
            ids.add("H-" + number);
        }
        return ids;
    }

    public static ContractId parse(String composite) {
        Matcher matcher = composite == null ? null : COMPOSITE.matcher(composite.trim());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("Not a SpotDraft contract id (expected T-<number> or H-<number>): " + composite);
        }
        return new ContractId(matcher.group(1).charAt(0), Long.parseLong(matcher.group(2)));
    }

    public static boolean isComposite(String text) {
        return text != null && COMPOSITE.matcher(text.trim()).matches();
    }

    @Override
    public String toString() {
        return family + "-" + number;
    }
}
