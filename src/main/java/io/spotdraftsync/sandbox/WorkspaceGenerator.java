package io.spotdraftsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.spotdraftsync.sandbox.SyntheticVocabulary.ContractTypeBlueprint;
import io.spotdraftsync.sandbox.SyntheticVocabulary.LegalForm;
import io.spotdraftsync.sandbox.SyntheticVocabulary.Place;

/**
 * Builds the initial workspace and contracts from the settings. Every contract draws from its own random
 * stream, so the same seed always yields the same data.
 */
final class WorkspaceGenerator {

    /** Share of imported (historical, {@code H-}) contracts. */
    private static final double HISTORICAL_SHARE = 0.2;
    /** Share of individuals among the generated counterparties. */
    private static final double INDIVIDUAL_SHARE = 0.25;
    private static final long FIRST_VERSION_ID = 5000;
    /** Large workspaces reuse counterparties rather than exhaust the names the word lists can make. */
    private static final int MAX_COUNTERPARTIES = 2000;

    /** The generated starting point, including where each id sequence continues. */
    record InitialState(Workspace workspace, List<StoredContract> contracts, long lastTemplateNumber,
            long lastHistoricalNumber, long lastVersionId, int lastReferenceSequence) {
    }

    private final SandboxSettings settings;

    WorkspaceGenerator(SandboxSettings settings) {
        this.settings = settings;
    }

    InitialState generate() {
        Workspace workspace = workspace();
        ContractFactory factory = new ContractFactory(workspace, settings);
        int count = settings.contracts();
        List<StoredContract> contracts = new ArrayList<>(count);
        long templateNumber = 0;
        long historicalNumber = 0;
        long versionId = FIRST_VERSION_ID;
        Duration slot = Duration.between(ContractFactory.HISTORY_START, ContractFactory.HISTORY_END)
                .dividedBy(Math.max(1, count));
        for (int index = 0; index < count; index++) {
            SplittableRandom random = Seeds.stream(settings.seed(), "contract", Integer.toString(index));
            Instant created = ContractFactory.HISTORY_START.plus(slot.multipliedBy(index))
                    .plusSeconds(random.nextLong(Math.max(1, slot.toSeconds())))
                    .truncatedTo(ChronoUnit.SECONDS);
            // earlier versions of the document existed: version ids leave gaps
            versionId += 1 + random.nextInt(3);
            String referenceId = referenceId(index + 1);
            StoredContract.Builder contract;
            if (random.nextDouble() < HISTORICAL_SHARE) {
                // historical numbers advance faster than template ones, so the two spaces overlap only partly
                historicalNumber += 1 + random.nextInt(4);
                contract = factory.historicalContract(random,
                        new ContractId(ContractId.Family.HISTORICAL, historicalNumber), created, referenceId, versionId);
            } else {
                // deleted drafts leave gaps in the template numbers
                templateNumber += random.nextDouble() < 0.15 ? 2 + random.nextInt(3) : 1;
                contract = factory.templateContract(random, new ContractId(ContractId.Family.TEMPLATE, templateNumber),
                        templateStatus(random), created, referenceId, versionId);
            }
            contracts.add(contract.build());
        }
        return new InitialState(workspace, contracts, templateNumber, historicalNumber, versionId, count);
    }

    static String referenceId(int sequence) {
        return String.format("SD-%05d", sequence);
    }

    private static ContractStatus templateStatus(SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < 0.50) {
            return ContractStatus.EXECUTED;
        } else if (draw < 0.62) {
            return ContractStatus.DRAFT;
        } else if (draw < 0.74) {
            return ContractStatus.REDLINING;
        } else if (draw < 0.83) {
            return ContractStatus.SIGN;
        } else if (draw < 0.90) {
            return ContractStatus.ON_HOLD;
        }
        return ContractStatus.VOIDED;
    }

    private Workspace workspace() {
        Map<String, KeyPointerDefinition> definitions = SyntheticVocabulary.keyPointersByField();
        List<ContractType> types = new ArrayList<>();
        for (ContractTypeBlueprint blueprint : SyntheticVocabulary.CONTRACT_TYPES) {
            types.add(new ContractType(blueprint.id(), blueprint.name(),
                    blueprint.keyPointerFields().stream().map(definitions::get).toList()));
        }
        return new Workspace(types, SyntheticVocabulary.ENTITIES, SyntheticVocabulary.USERS, counterparties());
    }

    private List<Counterparty> counterparties() {
        SplittableRandom random = Seeds.stream(settings.seed(), "counterparties", "");
        int wanted = Math.max(24, Math.min(MAX_COUNTERPARTIES, settings.contracts() / 4));
        CounterpartyDirectory directory = new CounterpartyDirectory(random);
        SyntheticVocabulary.CURATED_ORGANIZATIONS.forEach(organization -> directory.addOrganization(
                organization.name(), organization.organizationType(), organization.countryCode(), ""));
        SyntheticVocabulary.CURATED_INDIVIDUALS.forEach(person -> directory.addIndividual(person.first(), person.last()));
        // the word lists allow a few thousand distinct names; collisions are skipped, so attempts are bounded
        for (int attempt = 0; directory.size() < wanted && attempt < 20 * wanted; attempt++) {
            if (random.nextDouble() < INDIVIDUAL_SHARE) {
                directory.addIndividual(ContractFactory.pick(random, SyntheticVocabulary.FIRST_NAMES),
                        ContractFactory.pick(random, SyntheticVocabulary.LAST_NAMES));
            } else {
                String stem = ContractFactory.pick(random, SyntheticVocabulary.ORGANIZATION_STEMS);
                String qualifier = ContractFactory.pick(random, SyntheticVocabulary.ORGANIZATION_QUALIFIERS);
                LegalForm legalForm = ContractFactory.pick(random, SyntheticVocabulary.LEGAL_FORMS);
                String name = (qualifier.isEmpty() ? stem : stem + " " + qualifier) + " " + legalForm.suffix();
                directory.addOrganization(name, legalForm.organizationType(), legalForm.countryCode(), stem);
            }
        }
        return directory.counterparties;
    }

    /** Collects unique counterparties and numbers their contacts and addresses. */
    private static final class CounterpartyDirectory {
        private final SplittableRandom random;
        private final List<Counterparty> counterparties = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        CounterpartyDirectory(SplittableRandom random) {
            this.random = random;
        }

        int size() {
            return counterparties.size();
        }

        void addOrganization(String name, String organizationType, String countryCode, String brand) {
            if (!names.add(name)) {
                return;
            }
            int id = 100 + counterparties.size();
            String first = ContractFactory.pick(random, SyntheticVocabulary.FIRST_NAMES);
            String last = ContractFactory.pick(random, SyntheticVocabulary.LAST_NAMES);
            String domain = SyntheticVocabulary.asciiSlug(brand.isEmpty() ? name : brand);
            String email = SyntheticVocabulary.asciiSlug(first) + "." + SyntheticVocabulary.asciiSlug(last) + "@"
                    + (domain.isEmpty() ? "counterparty-" + id : domain) + ".example";
            Map<String, Object> customFields = new LinkedHashMap<>();
            if (random.nextDouble() < 0.4) {
                customFields.put("vendor_id", Integer.toString(1000 + random.nextInt(9000)));
            }
            if (countryCode.equals("IN")) {
                customFields.put("gst_number", "29AAACN" + (1000 + random.nextInt(9000)) + "F1Z5");
            }
            counterparties.add(new Counterparty(id, name, false, organizationType,
                    new Counterparty.Contact(id * 10, first, last, email), address(id, countryCode), customFields,
                    brand.isEmpty() ? name : brand));
        }

        void addIndividual(String first, String last) {
            String name = first + " " + last;
            if (!names.add(name)) {
                return;
            }
            int id = 100 + counterparties.size();
            String email = SyntheticVocabulary.asciiSlug(first) + "." + SyntheticVocabulary.asciiSlug(last)
                    + "@mail.example";
            String countryCode = ContractFactory.pick(random, SyntheticVocabulary.PLACES).countryCode();
            counterparties.add(new Counterparty(id, name, true, null,
                    new Counterparty.Contact(id * 10, first, last, email), address(id, countryCode), Map.of(), null));
        }

        private PostalAddress address(int counterpartyId, String countryCode) {
            Place place = SyntheticVocabulary.place(countryCode, random.nextInt(3));
            String line = (1 + random.nextInt(400)) + " " + ContractFactory.pick(random, SyntheticVocabulary.STREETS);
            return new PostalAddress(counterpartyId * 10, line, place.city(), place.state(), place.zipcode(),
                    place.countryName(), place.countryCode());
        }
    }
}
