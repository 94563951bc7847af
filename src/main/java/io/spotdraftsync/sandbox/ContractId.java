package io.spotdraftsync.sandbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A composite contract id such as {@code T-12} or {@code H-7}. The two families are separate number spaces, so
 * {@code T-7} and {@code H-7} are different contracts and a bare number is ambiguous.
 */
record ContractId(Family family, long number) implements Comparable<ContractId> {

    private static final Pattern COMPOSITE = Pattern.compile("([TH])-([0-9]{1,18})");

    enum Family {
        TEMPLATE("T", ContractKind.TEMPLATE_CONTRACT),
        HISTORICAL("H", ContractKind.EXECUTED_CONTRACT);

        final String prefix;
        final ContractKind kind;

        Family(String prefix, ContractKind kind) {
            this.prefix = prefix;
            this.kind = kind;
        }
    }

    static Optional<ContractId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = COMPOSITE.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Family family = matcher.group(1).equals("T") ? Family.TEMPLATE : Family.HISTORICAL;
        return Optional.of(new ContractId(family, Long.parseLong(matcher.group(2))));
    }

    @Override
    public int compareTo(ContractId other) {
        int byFamily = family.compareTo(other.family);
        return byFamily != 0 ? byFamily : Long.compare(number, other.number);
    }

    @Override
    public String toString() {
        return family.prefix + "-" + number;
    }
}
