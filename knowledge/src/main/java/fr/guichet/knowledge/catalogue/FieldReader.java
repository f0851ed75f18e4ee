package fr.guichet.knowledge.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.Optional;

/**
 * Reads typed fields out of one JSON object (a JSON entry, or a CSV row turned into one)
 * and records a {@link Problem} for every field that is missing or malformed, so a
 * whole file is checked in one pass.
 */
final class FieldReader {
    private final ObjectNode node;
    private final String file;
    private final String entry;
    private final List<Problem> problems;

    /** Prepended to field names in problems (for objects nested in a list, e.g. {@code sources[2].}). */
    private final String prefix;

    FieldReader(ObjectNode node, String file, String entry, List<Problem> problems) {
        this(node, file, entry, problems, "");
    }

    private FieldReader(ObjectNode node, String file, String entry, List<Problem> problems, String prefix) {
        this.node = node;
        this.file = file;
        this.entry = entry;
        this.problems = problems;
        this.prefix = prefix;
    }

    /** A reader for an object inside this entry; its problems name the field as {@code prefix.field}. */
    FieldReader nested(ObjectNode object, String prefix) {
        return new FieldReader(object, file, entry, problems, prefix + ".");
    }

    String entry() {
        return entry;
    }

    void error(String field, String reason) {
        problems.add(Problem.error(file, entry, prefix + field, reason));
    }

    /** Warns about every field not in {@code known}; dotted names reach into nested objects. */
    void warnUnknown(Set<String> known) {
        warnUnknown(node, "", known);
    }

    private void warnUnknown(JsonNode object, String prefix, Set<String> known) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String path = prefix + name;
            JsonNode value = object.get(name);
            if (known.contains(path)) {
                continue;
            }
            if (value.isObject() && known.stream().anyMatch(k -> k.startsWith(path + "."))) {
                warnUnknown(value, path + ".", known);
            } else {
                problems.add(Problem.warning(file, entry, this.prefix + path, "champ inconnu, ignoré"));
            }
        }
    }

    private JsonNode raw(String field) {
        JsonNode current = node;
        for (String part : field.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(part);
        }
        return current == null || current.isNull() ? null : current;
    }

    String text(String field, boolean required) {
        JsonNode value = raw(field);
        if (value == null || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                error(field, "champ obligatoire manquant");
            }
            return null;
        }
        if (!value.isValueNode()) {
            error(field, "doit être un texte");
            return null;
        }
        return value.asText().strip();
    }

    /** A list of strings; a single string is taken as a list of one. */
    List<String> texts(String field, boolean required) {
        JsonNode value = raw(field);
        List<String> out = new ArrayList<>();
        if (value == null) {
            if (required) {
                error(field, "champ obligatoire manquant");
            }
            return out;
        }
        if (value.isTextual()) {
            if (!value.asText().isBlank()) {
                out.add(value.asText().strip());
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    error(field, "doit être une liste de textes");
                    return new ArrayList<>();
                }
                if (!item.asText().isBlank()) {
                    out.add(item.asText().strip());
                }
            }
        } else {
            error(field, "doit être une liste de textes");
        }
        if (required && out.isEmpty() && problems.stream().noneMatch(p -> p.entry().equals(entry) && p.field().equals(prefix + field))) {
            error(field, "au moins une valeur est obligatoire");
        }
        return out;
    }

    <T> List<T> codes(String field, boolean required, Function<String, Optional<T>> parse, String allowed) {
        List<T> out = new ArrayList<>();
        for (String code : texts(field, required)) {
            Optional<T> parsed = parse.apply(code);
            if (parsed.isPresent()) {
                if (!out.contains(parsed.get())) {
                    out.add(parsed.get());
                }
            } else {
                error(field, "code inconnu « " + code + " » (codes possibles : " + allowed + ")");
            }
        }
        return out;
    }

    /** Most digits after the decimal point a catalogue number may have (cents, quarter hours…). */
    static final int MAX_DECIMALS = 4;

    /**
     * A number no larger than {@code max} in absolute value, with at most {@value #MAX_DECIMALS}
     * decimals. The bounds are checked before the number is ever written out: « 1e999999999 »
     * is a short text whose plain digits would fill gigabytes.
     */
    BigDecimal decimal(String field, boolean mustBeNonNegative, BigDecimal max) {
        JsonNode value = raw(field);
        if (value == null || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        String written = value.isNumber() ? value.asText() : value.isTextual() ? value.asText().strip() : null;
        if (written == null) {
            error(field, "doit être un nombre");
            return null;
        }
        String shown = written.length() > 40 ? written.substring(0, 40) + "…" : written;
        BigDecimal number;
        try {
            if (value.isNumber() && (value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
                error(field, "nombre trop grand (" + max.toPlainString() + " au plus)"); // beyond any double: shown as Infinity
                return null;
            }
            number = value.isBigDecimal() || value.isIntegralNumber() ? value.decimalValue() : new BigDecimal(written);
        } catch (NumberFormatException e) {
            error(field, "doit être un nombre (« " + shown + " »)");
            return null;
        }
        if (mustBeNonNegative && number.signum() < 0) {
            error(field, "ne peut pas être négatif (" + shown + ")");
            return null;
        }
        if (number.abs().compareTo(max) > 0) {
            error(field, "nombre trop grand (« " + shown + " » ; " + max.toPlainString() + " au plus)");
            return null;
        }
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > MAX_DECIMALS) {
            error(field, "trop de décimales (« " + shown + " » ; " + MAX_DECIMALS + " au plus)");
            return null;
        }
        return number;
    }

    LocalDate date(String field) {
        String value = text(field, false);
        return value == null ? null : parseDate(field, value);
    }

    LocalDate parseDate(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(field, "date invalide « " + value + " » (format attendu AAAA-MM-JJ)");
            return null;
        }
    }

    Boolean bool(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText().strip().toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "" -> null;
            case "true", "oui", "vrai", "1" -> true;
            case "false", "non", "faux", "0" -> false;
            default -> {
                error(field, "doit être vrai ou faux (« " + value.asText() + " »)");
                yield null;
            }
        };
    }

    /**
     * A web address, normalised so that whoever shows it (a Discord embed or link button
     * refuses anything else) gets plain ASCII: the scheme in lower case, the host in its ASCII
     * (IDN) form, in lower case and with at least one dot, the rest percent-encoded where it is
     * not ASCII.
     */
    String url(String field) {
        String value = text(field, false);
        if (value == null) {
            return null;
        }
        int separator = value.indexOf("://");
        String scheme = separator < 0 ? "" : value.substring(0, separator).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            error(field, "adresse invalide « " + value + " » (http:// ou https:// attendu)");
            return null;
        }
        int end = separator + 3;
        while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        String authority = value.substring(separator + 3, end);
        String host = authority;
        String port = "";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0) {
            host = authority.substring(0, colon);
            port = authority.substring(colon);
        }
        try {
            if (authority.contains("@") || host.isEmpty() || !(port.isEmpty() || port.matches(":[0-9]{1,5}"))) {
                throw new URISyntaxException(value, "authority");
            }
            String ascii = java.net.IDN.toASCII(host, java.net.IDN.USE_STD3_ASCII_RULES).toLowerCase(java.util.Locale.ROOT);
            if (!ascii.contains(".") || ascii.startsWith(".") || ascii.endsWith(".")) {
                throw new URISyntaxException(value, "host");
            }
            URI uri = new URI(scheme + "://" + ascii + port + value.substring(end));
            return uri.toASCIIString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            error(field, "adresse invalide « " + value + " »");
            return null;
        }
    }

    JsonNode node(String field) {
        return raw(field);
    }
}
