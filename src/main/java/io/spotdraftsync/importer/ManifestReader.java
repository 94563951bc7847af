package io.spotdraftsync.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a manifest: CSV with a header row, or JSON Lines (one object per line), through Jackson. Column names
 * are those of the README's "import" section; {@code meta.<field_name>} columns become key pointers.
 */
public final class ManifestReader {

    public static final String SOURCE_ID = "source_id";
    public static final String SOURCE_SYSTEM = "source_system";
    public static final String FILE = "file";
    public static final String CONTRACT_NAME = "contract_name";
    public static final String CONTRACT_TYPE = "contract_type";
    public static final String ORGANIZATION_ENTITY = "organization_entity";
    public static final String COUNTERPARTY_ORGANIZATION = "counterparty_organization";
    public static final String COUNTERPARTY_INDIVIDUAL = "counterparty_individual";
    public static final String CONTACT_FIRST_NAME = "contact_first_name";
    public static final String CONTACT_LAST_NAME = "contact_last_name";
    public static final String CONTACT_EMAIL = "contact_email";
    public static final String EXECUTION_DATE = "execution_date";
    public static final String META_PREFIX = "meta.";

    /** Columns every manifest must have (a row may still leave some blank; validation reports those). */
    public static final List<String> REQUIRED_COLUMNS = List.of(SOURCE_ID, SOURCE_SYSTEM, FILE, CONTRACT_NAME,
            CONTRACT_TYPE, ORGANIZATION_ENTITY);

    private static final Set<String> KNOWN = Set.of(SOURCE_ID, SOURCE_SYSTEM, FILE, CONTRACT_NAME, CONTRACT_TYPE,
            ORGANIZATION_ENTITY, COUNTERPARTY_ORGANIZATION, COUNTERPARTY_INDIVIDUAL, CONTACT_FIRST_NAME, CONTACT_LAST_NAME,
            CONTACT_EMAIL, EXECUTION_DATE);

    private ManifestReader() {
    }

    /** Every row of the manifest; a manifest that cannot be read as a whole throws {@link ManifestException}. */
    public static List<ManifestRow> read(InputStream in, boolean jsonLines, String name) {
        List<Map<String, Object>> records = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        try (in) {
            MappingIterator<Map<String, Object>> iterator;
            if (jsonLines) {
                iterator = JsonMapper.builder().build().readerFor(Map.class).readValues(in);
            } else {
                CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.TRIM_SPACES).build();
                iterator = csv.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(in);
            }
            try (iterator) {
                while (iterator.hasNextValue()) {
                    Map<String, Object> record = iterator.nextValue();
                    records.add(record);
                    columns.addAll(record.keySet());
                }
            }
        } catch (JacksonException malformed) {
            throw new ManifestException("The manifest " + name + " is not valid " + (jsonLines ? "JSON Lines" : "CSV")
                    + " (at record " + (records.size() + 1) + "): " + malformed.getOriginalMessage());
        } catch (IOException unreadable) {
            throw new ManifestException("Cannot read the manifest " + name + ": " + unreadable.getMessage());
        }
        if (!records.isEmpty()) {
            List<String> missing = REQUIRED_COLUMNS.stream().filter(column -> !columns.contains(column)).toList();
            if (!missing.isEmpty()) {
                throw new ManifestException("The manifest " + name + " has no column " + String.join(", ", missing)
                        + "; its columns are " + columns);
            }
        }
        List<ManifestRow> rows = new ArrayList<>(records.size());
        long number = 0;
        for (Map<String, Object> record : records) {
            rows.add(row(++number, record));
        }
        return rows;
    }

    private static ManifestRow row(long number, Map<String, Object> record) {
        Map<String, String> keyPointers = new LinkedHashMap<>();
        record.forEach((column, value) -> {
            if (column.startsWith(META_PREFIX) && column.length() > META_PREFIX.length()) {
                String text = text(value);
                if (text != null) {
                    keyPointers.put(column.substring(META_PREFIX.length()), text);
                }
            }
        });
        return new ManifestRow(number, text(record.get(SOURCE_ID)), text(record.get(SOURCE_SYSTEM)), text(record.get(FILE)),
                text(record.get(CONTRACT_NAME)), text(record.get(CONTRACT_TYPE)), text(record.get(ORGANIZATION_ENTITY)),
                text(record.get(COUNTERPARTY_ORGANIZATION)), text(record.get(COUNTERPARTY_INDIVIDUAL)),
                text(record.get(CONTACT_FIRST_NAME)), text(record.get(CONTACT_LAST_NAME)), text(record.get(CONTACT_EMAIL)),
                text(record.get(EXECUTION_DATE)), keyPointers);
    }

    /** Blank is absent. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? null : text;
    }

    /** Columns that are neither documented nor {@code meta.}: probably a typo, worth a warning. */
    static boolean unknownColumn(String column) {
        return !KNOWN.contains(column) && !column.startsWith(META_PREFIX);
    }

    /** The manifest as a whole cannot be used. */
    public static final class ManifestException extends RuntimeException {
        public ManifestException(String message) {
            super(message);
        }
    }
}
