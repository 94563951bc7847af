package io.spotdraftsync.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a command line into the part picocli parses and the Spring Boot property overrides.
 *
 * <p>Any {@code --some.property=value} (a dotted name followed by '=') is a Spring property, as with
 * every Spring Boot application. Everything else goes to picocli, so a misspelt subcommand option such
 * as {@code --contract 5} is still rejected.
 */
public record SpringArguments(List<String> commandArguments, List<String> propertyArguments) {

    private static final Pattern PROPERTY = Pattern.compile("^--[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-\\[\\]]+)+=.*", Pattern.DOTALL);

    public static SpringArguments split(String... args) {
        List<String> command = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        boolean endOfOptions = false;
        for (String arg : args) {
            if (!endOfOptions && "--".equals(arg)) {
                endOfOptions = true;
                command.add(arg);
            } else if (!endOfOptions && PROPERTY.matcher(arg).matches()) {
                properties.add(arg);
            } else {
                command.add(arg);
            }
        }
        return new SpringArguments(List.copyOf(command), List.copyOf(properties));
    }

    public String[] propertyArray() {
        return propertyArguments.toArray(String[]::new);
    }
}
