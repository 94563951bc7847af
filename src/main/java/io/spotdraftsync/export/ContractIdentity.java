package io.spotdraftsync.export;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.spotdraftsync.spotdraft.model.ContractId;
import io.spotdraftsync.spotdraft.model.ContractListItem;

/** What the list item says about a contract's identity beyond its composite id. */
final class ContractIdentity {

    private static final Pattern LINK_NUMBER = Pattern.compile("/contracts/v2/([0-9]+)/?$");

    private ContractIdentity() {
    }

    /**
     * The numeric id: the number in the contract link ({@code .../contracts/v2/1234}) when there is one, else
     * the number of a {@code T-} id (which equals it for the template family); null for an {@code H-} id
     * without a link, since the historical family may number differently.
     */
    static Long numericId(ContractListItem item) {
        if (item.contractLink() != null) {
            Matcher matcher = LINK_NUMBER.matcher(item.contractLink());
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        ContractId id = ContractId.parse(item.id());
        return id.family() == 'T' ? id.number() : null;
    }

    /**
     * The family of the contract, from its id: {@code TEMPLATE} ({@code T-}: made in SpotDraft) or
     * {@code HISTORICAL} ({@code H-}: executed elsewhere and imported). The list API has no finer kind.
     */
    static String kind(ContractListItem item) {
        return ContractId.parse(item.id()).family() == 'T' ? "TEMPLATE" : "HISTORICAL";
    }
}
