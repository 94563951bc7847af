package io.spotdraftsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.spotdraftsync.sandbox.SyntheticVocabulary.ContractTypeBlueprint;

/**
 * Makes plausible contract content from a random stream: names, parties, timelines, metadata values, external
 * records and documents. Used for the initial contracts (one stream per contract) and for runtime changes (the
 * mutation stream).
 */
final class ContractFactory {

    /** Initial contracts are created in this window, well before any run of the sandbox. */
    static final Instant HISTORY_START = Instant.parse("2019-01-01T00:00:00Z");
    static final Instant HISTORY_END = Instant.parse("2025-06-30T00:00:00Z");

    private static final Pattern REVISION_SUFFIX = Pattern.compile("^(.*) \\(rev\\. (\\d+)\\)$");
    private static final Duration DAY = Duration.ofDays(1);

    private final Workspace workspace;
    private final List<Counterparty> individuals;
    private final List<Counterparty> organizations;
    private final long seed;
    private final long documentMinBytes;
    private final long documentMaxBytes;
    private final int externalRecordPool;

    ContractFactory(Workspace workspace, SandboxSettings settings) {
        this.workspace = workspace;
        // random parties come from the generated directory; imported counterparties stay with their contracts
        this.individuals = workspace.counterparties().stream().filter(Counterparty::individual).toList();
        this.organizations = workspace.counterparties().stream().filter(party -> !party.individual()).toList();
        this.seed = settings.seed();
        this.documentMinBytes = settings.documentMinBytes();
        this.documentMaxBytes = settings.documentMaxBytes();
        // a pool smaller than the contract count makes several contracts share an external record
        this.externalRecordPool = Math.max(10, settings.contracts() / 10);
    }

    /** A template contract in the given status, with a timeline that fits the status. */
    StoredContract.Builder templateContract(SplittableRandom random, ContractId id, ContractStatus status,
            Instant created, String referenceId, long versionId) {
        StoredContract.Builder contract = commonParts(random, id, created, referenceId);
        ContractTypeBlueprint blueprint = SyntheticVocabulary.blueprint(contract.type.id());
        contract.templateId = blueprint.templateIds().get(random.nextInt(blueprint.templateIds().size()));
        contract.status = status;
        boolean reachedCounterparty = status == ContractStatus.REDLINING || status == ContractStatus.SIGN
                || status == ContractStatus.EXECUTED || (status != ContractStatus.DRAFT && random.nextDouble() < 0.6);
        Instant lastEvent = created;
        if (reachedCounterparty) {
            contract.sentToCounterpartyAt = lastEvent = lastEvent.plus(randomDuration(random, DAY, DAY.multipliedBy(10)));
        }
        if (status == ContractStatus.SIGN || status == ContractStatus.EXECUTED) {
            contract.markedForSignatureAt = lastEvent = lastEvent.plus(randomDuration(random, DAY, DAY.multipliedBy(20)));
        }
        if (status == ContractStatus.EXECUTED) {
            contract.executedAt = lastEvent = lastEvent.plus(randomDuration(random, Duration.ofHours(1), DAY.multipliedBy(10)));
            contract.expiringAt = random.nextDouble() < 0.8 ? plusYears(contract.executedAt, 1 + random.nextInt(3)) : null;
        }
        contract.lastUpdated = lastEvent.plus(randomDuration(random, Duration.ZERO, DAY.multipliedBy(30)));
        double coverage = status == ContractStatus.DRAFT ? 0.5 : 0.85;
        contract.keyPointers = keyPointers(random, contract.type, created, coverage);
        contract.externalMetadata = random.nextDouble() < 0.3 ? externalMetadata(random) : Map.of();
        contract.document = document(id, versionId, contract.name);
        return contract;
    }

    /** A contract signed elsewhere and imported later: always executed, created at import time. */
    StoredContract.Builder historicalContract(SplittableRandom random, ContractId id, Instant imported,
            String referenceId, long versionId) {
        StoredContract.Builder contract = commonParts(random, id, imported, referenceId);
        contract.status = ContractStatus.EXECUTED;
        contract.executedAt = imported.minus(randomDuration(random, DAY.multipliedBy(10), DAY.multipliedBy(400)));
        contract.expiringAt = random.nextDouble() < 0.7 ? plusYears(contract.executedAt, 1 + random.nextInt(5)) : null;
        contract.lastUpdated = imported.plus(randomDuration(random, Duration.ZERO, DAY.multipliedBy(5)));
        contract.keyPointers = keyPointers(random, contract.type, contract.executedAt, 0.7);
        contract.externalMetadata = random.nextDouble() < 0.5 ? externalMetadata(random) : Map.of();
        contract.document = document(id, versionId, contract.name);
        return contract;
    }

    private StoredContract.Builder commonParts(SplittableRandom random, ContractId id, Instant created,
            String referenceId) {
        StoredContract.Builder contract = new StoredContract.Builder();
        contract.id = id;
        contract.type = randomType(random);
        contract.counterparty = randomCounterparty(random, contract.type);
        contract.name = contractName(random, contract.type, contract.counterparty, created);
        contract.entity = randomEntity(random);
        List<WorkspaceUser> users = workspace.users();
        contract.creator = users.get(random.nextInt(users.size()));
        contract.businessUser = users.get(random.nextInt(users.size()));
        contract.legalUser = users.get(random.nextInt(SyntheticVocabulary.LEGAL_USERS));
        contract.referenceId = referenceId;
        contract.created = created;
        return contract;
    }

    /** A new name that differs from the old one: the revision number in the suffix goes up. */
    String revisedName(String name) {
        Matcher revised = REVISION_SUFFIX.matcher(name);
        if (revised.matches()) {
            return revised.group(1) + " (rev. " + (Integer.parseInt(revised.group(2)) + 1) + ")";
        }
        return name + " (rev. 2)";
    }

    /** The contract's values with one to three fields set to new random values. */
    List<KeyPointerValue> editedKeyPointers(SplittableRandom random, StoredContract contract, Instant anchor) {
        Map<Integer, KeyPointerValue> byId = new LinkedHashMap<>();
        contract.keyPointers().forEach(value -> byId.put(value.id(), value));
        List<KeyPointerDefinition> fields = contract.type().keyPointers();
        int edits = 1 + random.nextInt(Math.min(3, fields.size()));
        for (int i = 0; i < edits; i++) {
            KeyPointerDefinition field = fields.get(random.nextInt(fields.size()));
            byId.put(field.id(), field.valueOf(randomValue(random, field, anchor)));
        }
        return inDefinitionOrder(contract.type(), byId);
    }

    static List<KeyPointerValue> inDefinitionOrder(ContractType type, Map<Integer, KeyPointerValue> valuesById) {
        List<KeyPointerValue> ordered = new ArrayList<>();
        type.keyPointers().forEach(field -> {
            KeyPointerValue value = valuesById.get(field.id());
            if (value != null) {
                ordered.add(value);
            }
        });
        return ordered;
    }

    Map<String, Object> externalMetadata(SplittableRandom random) {
        SyntheticVocabulary.Integration integration = pick(random, SyntheticVocabulary.INTEGRATIONS);
        Map<String, Object> recordData = new LinkedHashMap<>();
        recordData.put("stage", pick(random, SyntheticVocabulary.DEAL_STAGES));
        recordData.put("owner_email", pick(random, workspace.users()).email());
        recordData.put("amount", 1000 * (1 + random.nextInt(500)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", integration.idPrefix() + "-" + (10_000 + random.nextInt(externalRecordPool)));
        metadata.put("integration_name", integration.name());
        metadata.put("record_type", integration.recordType());
        metadata.put("record_data", recordData);
        return metadata;
    }

    /** The document of one version; its size depends only on (seed, contract, version). */
    SandboxDocument document(ContractId id, long versionId, String title) {
        SplittableRandom sizing = Seeds.stream(seed, "document-size", id + " v" + versionId);
        double logMin = Math.log(documentMinBytes);
        double logMax = Math.log(documentMaxBytes);
        long size = Math.round(Math.exp(logMin + sizing.nextDouble() * (logMax - logMin)));
        size = Math.max(documentMinBytes, Math.min(documentMaxBytes, size));
        return SandboxDocument.generated(seed, id, versionId, title, fileName(title), size);
    }

    static String fileName(String contractName) {
        return contractName.replaceAll("[\\\\/:*?\"<>|]", "_") + ".pdf";
    }

    ContractType randomType(SplittableRandom random) {
        int total = SyntheticVocabulary.CONTRACT_TYPES.stream().mapToInt(ContractTypeBlueprint::weight).sum();
        int ticket = random.nextInt(total);
        for (ContractTypeBlueprint blueprint : SyntheticVocabulary.CONTRACT_TYPES) {
            ticket -= blueprint.weight();
            if (ticket < 0) {
                return workspace.contractType(blueprint.id()).orElseThrow();
            }
        }
        throw new IllegalStateException("weights exhausted");
    }

    private Counterparty randomCounterparty(SplittableRandom random, ContractType type) {
        boolean individual = SyntheticVocabulary.blueprint(type.id()).individualCounterparty() || random.nextDouble() < 0.1;
        return pick(random, individual ? individuals : organizations);
    }

    private String contractName(SplittableRandom random, ContractType type, Counterparty counterparty, Instant created) {
        LocalDate day = LocalDate.ofInstant(created, ZoneOffset.UTC);
        return pick(random, SyntheticVocabulary.blueprint(type.id()).namePatterns())
                .replace("{cp}", counterparty.name())
                .replace("{year}", Integer.toString(day.getYear()))
                .replace("{quarter}", "Q" + ((day.getMonthValue() - 1) / 3 + 1))
                .replace("{n}", Integer.toString(1 + random.nextInt(40)));
    }

    private OrganizationEntity randomEntity(SplittableRandom random) {
        double draw = random.nextDouble();
        List<OrganizationEntity> entities = workspace.entities();
        return draw < 0.6 ? entities.get(0) : draw < 0.85 ? entities.get(1) : entities.get(2);
    }

    private List<KeyPointerValue> keyPointers(SplittableRandom random, ContractType type, Instant anchor,
            double coverage) {
        List<KeyPointerValue> values = new ArrayList<>();
        for (KeyPointerDefinition field : type.keyPointers()) {
            if (random.nextDouble() < coverage) {
                values.add(field.valueOf(randomValue(random, field, anchor)));
            }
        }
        return values;
    }

    private Object randomValue(SplittableRandom random, KeyPointerDefinition field, Instant anchor) {
        LocalDate day = LocalDate.ofInstant(anchor, ZoneOffset.UTC);
        return switch (field.type()) {
            case DATE -> switch (field.fieldName()) {
                case "expiry_date" -> day.plusYears(1 + random.nextInt(3)).toString();
                default -> day.plusDays(random.nextInt(30)).toString();
            };
            case CURRENCY -> {
                Map<String, Object> money = new LinkedHashMap<>();
                money.put("type", pick(random, SyntheticVocabulary.CURRENCIES));
                money.put("value", Math.round(Math.exp(7 + random.nextDouble() * 7) / 100) * 100.0);
                yield money;
            }
            case INTEGER -> switch (field.fieldName()) {
                case "payment_terms_days" -> (long) pick(random, List.of(15, 30, 45, 60, 90));
                case "notice_period_days" -> (long) pick(random, List.of(30, 60, 90));
                default -> (long) (1 + random.nextInt(100));
            };
            case DECIMAL -> Math.round(random.nextDouble() * 3500) / 100.0;
            case BOOLEAN -> random.nextBoolean();
            case CHOICE -> pick(random, field.options());
            case MULTIPLE_CHOICE -> orderedSample(random, field.options(), 1 + random.nextInt(3));
            case TEXT_LIST -> orderedSample(random, SyntheticVocabulary.MILESTONES, 1 + random.nextInt(4));
            case DURATION -> {
                String unit = pick(random, KeyPointerType.DURATION_UNITS);
                long amount = switch (unit) {
                    case "YEARS" -> 1 + random.nextInt(5);
                    case "MONTHS" -> 3 * (1 + random.nextInt(8));
                    default -> 30 * (1 + random.nextInt(6));
                };
                yield KeyPointerType.duration(unit, amount, KeyPointerType.approximateDays(unit, amount));
            }
            case STRING -> field.fieldName().equals("vendor_id")
                    ? "V-" + (10_000 + random.nextInt(90_000))
                    : pick(random, SyntheticVocabulary.DEPARTMENTS);
        };
    }

    private static List<String> orderedSample(SplittableRandom random, List<String> from, int count) {
        List<String> remaining = new ArrayList<>(from);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < Math.min(count, from.size()); i++) {
            chosen.add(remaining.remove(random.nextInt(remaining.size())));
        }
        chosen.sort((a, b) -> Integer.compare(from.indexOf(a), from.indexOf(b)));
        return chosen;
    }

    static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    static Duration randomDuration(SplittableRandom random, Duration atLeast, Duration atMost) {
        long span = atMost.minus(atLeast).toSeconds();
        return atLeast.plusSeconds(span <= 0 ? 0 : random.nextLong(span + 1));
    }

    private static Instant plusYears(Instant instant, int years) {
        return instant.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }
}
