package io.spotdraftsync.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.spotdraftsync.jobs.JobStarter;

import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the schedule files of a directory: every {@code *.yml} and {@code *.yaml} file, one schedule each, in file
 * name order. Every file is checked, enabled or not (YAML syntax, known fields only, required fields, a valid
 * Quartz cron expression that fires, a known time zone, a known job, the job's own parameter check, unique names);
 * the first problem stops the load with a {@link ScheduleFileException} naming the file, the line and the field.
 *
 * <p>SnakeYAML's node tree is read rather than a bound object, so that every value keeps the line it came from.
 */
public class ScheduleLoader {

    static final String NAME = "name";
    static final String JOB = "job";
    static final String CRON = "cron";
    static final String TIME_ZONE = "time-zone";
    static final String PARAMETERS = "parameters";
    static final String ENABLED = "enabled";
    static final String DESCRIPTION = "description";
    static final List<String> FIELDS = List.of(NAME, JOB, CRON, TIME_ZONE, PARAMETERS, ENABLED, DESCRIPTION);

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String CRON_HELP = "Quartz cron expressions have 6 or 7 fields: second minute hour "
            + "day-of-month month day-of-week [year], with ? in one of the two day fields, e.g. '0 */15 * * * ?'";

    private final Map<String, JobStarter> starters = new LinkedHashMap<>();

    /** @param starters the jobs that schedules may name, with their parameter checks */
    public ScheduleLoader(Collection<JobStarter> starters) {
        starters.forEach(starter -> this.starters.put(starter.job(), starter));
    }

    /** Every schedule file of the directory, enabled or not, checked; an empty list when the directory has none. */
    public List<ScheduleDefinition> load(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(ScheduleLoader::isScheduleFile).sorted().toList();
        } catch (IOException failure) {
            throw new ScheduleFileException(directory.toString(), 0, "cannot list the schedule directory: " + failure);
        }
        List<ScheduleDefinition> schedules = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Path file : files) {
            Parsed parsed = parse(file);
            String earlier = names.putIfAbsent(parsed.definition().name(), parsed.definition().file());
            if (earlier != null) {
                throw new ScheduleFileException(parsed.definition().file(), parsed.nameLine(),
                        "name '" + parsed.definition().name() + "' is already used by " + earlier + " (names must be unique)");
            }
            schedules.add(parsed.definition());
        }
        return schedules;
    }

    static boolean isScheduleFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".yml") || name.endsWith(".yaml")) && Files.isRegularFile(file);
    }

    private record Parsed(ScheduleDefinition definition, int nameLine) {
    }

    /** One file, checked on its own (everything but the uniqueness of its name). */
    private Parsed parse(Path path) {
        String file = path.toString();
        Node root;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException syntax) {
            Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
            String problem = String.valueOf(syntax.getProblem());
            String context = String.valueOf(syntax.getContext());
            String hint = (problem + " " + context).matches("(?s).*\\b(alias|anchor)\\b.*")
                    ? "; a value that starts with * must be quoted, e.g. cron: '*/15 * * * * ?'" : "";
            throw new ScheduleFileException(file, mark == null ? 0 : mark.getLine() + 1,
                    "not valid YAML: " + problem + (mark == null ? "" : " (column " + (mark.getColumn() + 1) + ")") + hint);
        } catch (YAMLException | IOException unreadable) {
            throw new ScheduleFileException(file, 0, "cannot be read: " + unreadable.getMessage());
        }
        if (root == null) {
            throw new ScheduleFileException(file, 0, "is empty: a schedule needs at least the fields name, job and cron");
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ScheduleFileException(file, line(root),
                    "a schedule file holds one mapping of fields (" + String.join(", ", FIELDS) + "), not a " + kind(root));
        }
        return new Fields(file, mapping).read();
    }

    /** The fields of one file's mapping, each with its key's line. */
    private final class Fields {
        private final String file;
        private final MappingNode root;
        private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

        Fields(String file, MappingNode root) {
            this.file = file;
            this.root = root;
        }

        Parsed read() {
            for (NodeTuple tuple : root.getValue()) {
                String key = keyOf(tuple, "field");
                if (!FIELDS.contains(key)) {
                    throw fail(tuple.getKeyNode(), "unknown field '" + key + "' (known: " + String.join(", ", FIELDS) + ")");
                }
                if (fields.putIfAbsent(key, tuple) != null) {
                    throw fail(tuple.getKeyNode(), "field '" + key + "' appears twice");
                }
            }
            String name = required(NAME, "the schedule's unique name");
            if (!NAME_PATTERN.matcher(name).matches()) {
                throw fail(value(NAME), "name '" + name + "' must be 1 to 100 letters, digits, '.', '_' or '-', "
                        + "starting with a letter or digit");
            }
            String job = required(JOB, "one of " + String.join(", ", starters.keySet()));
            JobStarter starter = starters.get(job);
            if (starter == null) {
                throw fail(value(JOB), "job '" + job + "' is not a job (known: " + String.join(", ", starters.keySet()) + ")");
            }
            String cron = required(CRON, "a Quartz cron expression, e.g. '0 */15 * * * ?'");
            ZoneId zone = timeZone();
            checkCron(cron, zone);
            Map<String, String> parameters = parameters();
            boolean enabled = enabled();
            String description = optional(DESCRIPTION);
            try {
                starter.validate(parameters);
            } catch (IllegalArgumentException invalid) {
                throw fail(parameterNode(parameters, invalid.getMessage()), "parameters: " + invalid.getMessage());
            }
            return new Parsed(new ScheduleDefinition(name, job, cron, zone, parameters, enabled, description, file),
                    line(fields.get(NAME).getKeyNode()));
        }

        private void checkCron(String cron, ZoneId zone) {
            Node node = value(CRON);
            int count = cron.trim().split("\\s+").length;
            if (count < 6 || count > 7) {
                throw fail(node, "cron '" + cron + "' has " + count + " field" + (count == 1 ? "" : "s") + ": " + CRON_HELP);
            }
            CronExpression expression;
            try {
                expression = new CronExpression(cron);
            } catch (ParseException invalid) {
                throw fail(node, "cron '" + cron + "' is not a valid Quartz cron expression (" + invalid.getMessage()
                        + "). " + CRON_HELP);
            }
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            if (expression.getNextValidTimeAfter(new Date()) == null) {
                throw fail(node, "cron '" + cron + "' never fires again");
            }
        }

        private ZoneId timeZone() {
            String id = optional(TIME_ZONE);
            if (id == null) {
                return UTC;
            }
            try {
                return ZoneId.of(id);
            } catch (DateTimeException unknown) {
                throw fail(value(TIME_ZONE), "time-zone '" + id + "' is not a time zone id (an IANA name such as "
                        + "Europe/Paris or America/New_York, or UTC)");
            }
        }

        private boolean enabled() {
            String value = optional(ENABLED);
            if (value == null) {
                return true;
            }
            Node node = value(ENABLED);
            if (node.getTag().equals(Tag.BOOL)) {
                return isTrue(value);
            }
            throw fail(node, "enabled must be true or false, was '" + value + "'");
        }

        private Map<String, String> parameters() {
            NodeTuple tuple = fields.get(PARAMETERS);
            Map<String, String> parameters = new LinkedHashMap<>();
            if (tuple == null || isNull(tuple.getValueNode())) {
                return parameters;
            }
            if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
                throw fail(tuple.getValueNode(), "parameters must be a mapping of names to values (e.g. 'full: false'), "
                        + "not a " + kind(tuple.getValueNode()));
            }
            for (NodeTuple parameter : mapping.getValue()) {
                String name = keyOf(parameter, "parameter name");
                Node value = parameter.getValueNode();
                if (!(value instanceof ScalarNode scalar)) {
                    throw fail(value, "parameters." + name + " must be a single value (text, a number or true/false), "
                            + "not a " + kind(value));
                }
                if (isNull(scalar)) {
                    throw fail(parameter.getKeyNode(), "parameters." + name + " has no value");
                }
                // an unquoted YAML boolean (true, yes, on, ...) is a boolean: the job sees true or false
                String text = scalar.getTag().equals(Tag.BOOL) ? String.valueOf(isTrue(scalar.getValue())) : scalar.getValue();
                if (parameters.putIfAbsent(name, text) != null) {
                    throw fail(parameter.getKeyNode(), "parameters." + name + " appears twice");
                }
            }
            return parameters;
        }

        /** The parameter a job's message names (quoted, or as a word), else the parameters field, else the job. */
        private Node parameterNode(Map<String, String> parameters, String message) {
            NodeTuple tuple = fields.get(PARAMETERS);
            if (tuple == null) {
                return fields.get(JOB).getKeyNode();
            }
            if (tuple.getValueNode() instanceof MappingNode mapping && message != null) {
                for (NodeTuple parameter : mapping.getValue()) {
                    String name = ((ScalarNode) parameter.getKeyNode()).getValue();
                    if (message.contains("'" + name + "'") || Pattern.compile("(^|\\s)" + Pattern.quote(name) + "(\\s|$|[:,.])")
                            .matcher(message).find()) {
                        return parameter.getKeyNode();
                    }
                }
            }
            return tuple.getKeyNode();
        }

        private String required(String field, String what) {
            if (!fields.containsKey(field)) {
                throw fail(root, "missing field '" + field + "' (" + what + ")");
            }
            String value = optional(field);
            if (value == null || value.isBlank()) {
                throw fail(fields.get(field).getKeyNode(), field + " has no value (" + what + ")");
            }
            return value;
        }

        /** A field's text, or null when absent or null; a mapping or list where a value belongs is an error. */
        private String optional(String field) {
            NodeTuple tuple = fields.get(field);
            if (tuple == null || isNull(tuple.getValueNode())) {
                return null;
            }
            if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
                throw fail(tuple.getValueNode(), field + " must be a single value, not a " + kind(tuple.getValueNode()));
            }
            return scalar.getValue().trim();
        }

        private Node value(String field) {
            return fields.get(field).getValueNode();
        }

        private String keyOf(NodeTuple tuple, String what) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || isNull(key)) {
                throw fail(tuple.getKeyNode(), "a " + what + " must be a plain name, not a " + kind(tuple.getKeyNode()));
            }
            return key.getValue();
        }

        private ScheduleFileException fail(Node node, String problem) {
            return new ScheduleFileException(file, line(node), problem);
        }
    }

    /** A scalar YAML 1.1 resolves as a boolean: true, yes, on (any case) are true. */
    private static boolean isTrue(String yamlBoolean) {
        String flag = yamlBoolean.trim().toLowerCase(Locale.ROOT);
        return flag.equals("true") || flag.equals("yes") || flag.equals("on") || flag.equals("y");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "mapping";
            case sequence -> "list";
            case scalar -> isNull(node) ? "null" : "single value";
            case anchor -> "alias";
        };
    }
}
