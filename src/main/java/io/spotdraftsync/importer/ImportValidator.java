package io.spotdraftsync.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.spotdraftsync.spotdraft.model.ContractType;
import io.spotdraftsync.spotdraft.model.OrganizationEntity;

/**
 * Checks every manifest row before anything is written: required fields, the file (present, a PDF), contract
 * type and entity (by id or by name, case-insensitive, resolved against lists read once from SpotDraft; an
 * ambiguous name is an error), the date, and duplicates of a source id. Reasons are written for the person who
 * fixes the manifest.
 */
public final class ImportValidator {

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /** The outcome: rows to import and rows rejected, both in manifest order. */
    public record Result(List<ImportItem> valid, List<ReportLine> rejected) {
    }

    private final SourceFiles files;
    private final Resolver<ContractType> types;
    private final Resolver<OrganizationEntity> entities;

    public ImportValidator(SourceFiles files, List<ContractType> contractTypes, List<OrganizationEntity> organizationEntities) {
        this.files = files;
        this.types = new Resolver<>("contract type", contractTypes, ContractType::id, ContractType::name);
        this.entities = new Resolver<>("organization entity", organizationEntities, OrganizationEntity::id, OrganizationEntity::name);
    }

    public Result validate(List<ManifestRow> rows) throws IOException {
        List<ImportItem> valid = new ArrayList<>();
        List<ReportLine> rejected = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (ManifestRow row : rows) {
            List<String> problems = new ArrayList<>();
            ImportItem item = check(row, problems, seen);
            if (problems.isEmpty()) {
                valid.add(item);
            } else {
                rejected.add(new ReportLine(row.rowNumber(), row.sourceId(), row.sourceSystem(), ReportLine.VALIDATION,
                        String.join("; ", problems)));
            }
        }
        return new Result(valid, rejected);
    }

    private ImportItem check(ManifestRow row, List<String> problems, Map<String, Long> seen) throws IOException {
        required(row.sourceId(), ManifestReader.SOURCE_ID, problems);
        required(row.sourceSystem(), ManifestReader.SOURCE_SYSTEM, problems);
        required(row.file(), ManifestReader.FILE, problems);
        required(row.contractName(), ManifestReader.CONTRACT_NAME, problems);
        required(row.contractType(), ManifestReader.CONTRACT_TYPE, problems);
        required(row.organizationEntity(), ManifestReader.ORGANIZATION_ENTITY, problems);
        if (row.sourceId() != null && row.sourceSystem() != null) {
            Long first = seen.putIfAbsent(row.sourceSystem() + "\u0000" + row.sourceId(), row.rowNumber());
            if (first != null) {
                problems.add("duplicate source_id '" + row.sourceId() + "' (source_system '" + row.sourceSystem()
                        + "'): row " + first + " has it already; give each contract its own source_id");
            }
        }
        Long typeId = row.contractType() == null ? null : types.resolve(row.contractType(), problems);
        Long entityId = row.organizationEntity() == null ? null : entities.resolve(row.organizationEntity(), problems);
        Boolean individual = null;
        if (row.counterpartyIndividual() != null) {
            String flag = row.counterpartyIndividual().toLowerCase(Locale.ROOT);
            if (flag.equals("true") || flag.equals("false")) {
                individual = Boolean.valueOf(flag);
            } else {
                problems.add(ManifestReader.COUNTERPARTY_INDIVIDUAL + " must be true or false, not '"
                        + row.counterpartyIndividual() + "'");
            }
        }
        boolean hasCounterparty = Boolean.TRUE.equals(individual) || row.counterpartyOrganization() != null;
        if (hasCounterparty) {
            required(row.contactFirstName(), ManifestReader.CONTACT_FIRST_NAME, problems, "a counterparty needs a contact");
            required(row.contactLastName(), ManifestReader.CONTACT_LAST_NAME, problems, "a counterparty needs a contact");
            required(row.contactEmail(), ManifestReader.CONTACT_EMAIL, problems, "a counterparty needs a contact");
            if (row.contactEmail() != null && !row.contactEmail().matches("[^@\\s]+@[^@\\s]+")) {
                problems.add(ManifestReader.CONTACT_EMAIL + " '" + row.contactEmail() + "' is not an email address");
            }
        } else if (Boolean.FALSE.equals(individual)) {
            problems.add(ManifestReader.COUNTERPARTY_ORGANIZATION + " is required when counterparty_individual is false");
        }
        LocalDate executionDate = null;
        if (row.executionDate() != null) {
            try {
                executionDate = LocalDate.parse(row.executionDate());
            } catch (DateTimeParseException unparseable) {
                problems.add(ManifestReader.EXECUTION_DATE + " '" + row.executionDate()
                        + "' is not a date in the form YYYY-MM-DD (for example 2024-03-31)");
            }
        }
        long length = 0;
        if (row.file() != null) {
            SourceFiles.FileCheck file = files.inspect(row.file());
            if (file.refusal() != null) {
                problems.add(file.refusal());
            } else if (!file.exists()) {
                problems.add("file not found: " + files.describe(row.file()));
            } else if (file.head().length < PDF_MAGIC.length
                    || !Arrays.equals(file.head(), 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
                problems.add("file " + row.file() + " is not a PDF (it does not start with %PDF-); only PDFs can be imported");
            } else {
                length = file.length();
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new ImportItem(row.rowNumber(), row.sourceId(), row.sourceSystem(), row.file(), length, row.contractName(),
                typeId, entityId, Boolean.TRUE.equals(individual),
                Boolean.TRUE.equals(individual) ? null : row.counterpartyOrganization(),
                row.contactFirstName(), row.contactLastName(), row.contactEmail(), executionDate, row.keyPointers());
    }

    private static void required(String value, String column, List<String> problems) {
        required(value, column, problems, null);
    }

    private static void required(String value, String column, List<String> problems, String why) {
        if (value == null) {
            problems.add(column + " is missing" + (why == null ? "" : " (" + why + ")"));
        }
    }

    /** Id or name (case-insensitive) to id, against one list read from SpotDraft. */
    private static final class Resolver<T> {
        private final String what;
        private final Map<Long, T> byId = new HashMap<>();
        private final Map<String, List<T>> byName = new HashMap<>();
        private final Function<T, Long> id;
        private final Function<T, String> name;

        Resolver(String what, List<T> all, Function<T, Long> id, Function<T, String> name) {
            this.what = what;
            this.id = id;
            this.name = name;
            for (T value : all) {
                if (id.apply(value) != null) {
                    byId.put(id.apply(value), value);
                }
                if (name.apply(value) != null) {
                    byName.computeIfAbsent(name.apply(value).strip().toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(value);
                }
            }
        }

        Long resolve(String text, List<String> problems) {
            List<T> named = byName.getOrDefault(text.toLowerCase(Locale.ROOT), List.of());
            if (named.size() == 1) {
                return id.apply(named.get(0));
            }
            if (named.size() > 1) {
                problems.add(what + " name '" + text + "' is ambiguous: it matches ids "
                        + named.stream().map(id).map(Objects::toString).toList() + "; use the id instead");
                return null;
            }
            if (text.matches("\\d{1,18}")) {
                long number = Long.parseLong(text);
                if (byId.containsKey(number)) {
                    return number;
                }
            }
            problems.add("unknown " + what + " '" + text + "': no " + what + " of the workspace has this id or name"
                    + " (names are compared ignoring case)");
            return null;
        }
    }
}
