package org.mpdp.dataplane.config;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML with Jackson's YAML parser into plain values: a mapping is a {@code Map<String, Object>}
 * (in file order), a sequence a {@code List<Object>}, a scalar its text exactly as written, and an
 * empty value {@code null}. Scalars are kept as text because YAML 1.1 typing, which Jackson applies,
 * reads a PCI address such as {@code 0000:01:00.0} as a base-60 number; the binder gives each key its
 * type instead, so a file and a {@code --set} value are typed the same way.
 */
final class YamlTree
{
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private YamlTree()
    {
    }

    /**
     * Thrown for YAML that does not parse; carries the line.
     */
    static final class SyntaxError extends Exception
    {
        private static final long serialVersionUID = 1L;

        final int line;
        final int column;

        SyntaxError(final String message, final int line, final int column)
        {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /**
     * @param in YAML text (one document).
     * @return the document's value ({@code null} when empty).
     * @throws SyntaxError when the text is not YAML, has a duplicate key, or has an alias.
     * @throws IOException when reading fails.
     */
    static Object read(final Reader in) throws SyntaxError, IOException
    {
        try (JsonParser parser = FACTORY.createParser(in))
        {
            final JsonToken first = parser.nextToken();
            if (first == null)
            {
                return null;
            }
            return value(parser, first);
        }
        catch (final JsonProcessingException ex)
        {
            if (ex.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null)
            {
                final String context = m.getContext() == null ? "" : m.getContext() + ": ";
                throw new SyntaxError(firstLine(context + m.getProblem()), m.getProblemMark().getLine() + 1,
                    m.getProblemMark().getColumn() + 1);
            }
            final JsonLocation at = ex.getLocation();
            final String message = firstLine(ex.getOriginalMessage());
            throw new SyntaxError(message, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
        }
    }

    private static Object value(final JsonParser parser, final JsonToken token) throws IOException
    {
        return switch (token)
        {
            case START_OBJECT -> mapping(parser);
            case START_ARRAY -> sequence(parser);
            case VALUE_NULL -> null;
            default -> parser.getText().isEmpty() ? null : parser.getText();
        };
    }

    private static Map<String, Object> mapping(final JsonParser parser) throws IOException
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken())
        {
            final String key = parser.currentName();
            map.put(key, value(parser, parser.nextToken()));
        }
        return map;
    }

    private static List<Object> sequence(final JsonParser parser) throws IOException
    {
        final List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken())
        {
            list.add(value(parser, t));
        }
        return list;
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "not valid YAML";
        }
        final int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /**
     * @param value a value read by {@link #read}.
     * @return it in YAML flow style, as an error line shows it.
     */
    static String show(final Object value)
    {
        if (value == null)
        {
            return "";
        }
        if (value instanceof List<?> list)
        {
            final StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++)
            {
                sb.append(i == 0 ? "" : ", ").append(show(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map)
        {
            final StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append(k).append(": ").append(show(v)));
            return sb.append('}').toString();
        }
        return value.toString();
    }
}
