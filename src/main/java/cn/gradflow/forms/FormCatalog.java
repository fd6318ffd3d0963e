package cn.gradflow.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import cn.gradflow.common.TextLimits;
import cn.gradflow.forms.FormField.Kind;

/**
 * The input fields of every form in {@code forms/}, read from the form files themselves: Camunda Forms
 * ({@code *.form}, referenced by {@code camunda:formRef}) and embedded HTML forms ({@code *.html},
 * referenced as {@code embedded:/forms/<name>.html}). A form added later is covered without code.
 */
@Component
public class FormCatalog {

    /** What an engine text variable holds; a text field without its own limit gets this one. */
    public static final int DEFAULT_MAX_LENGTH = TextLimits.ENGINE_TEXT;

    private static final String EMBEDDED_PREFIX = "embedded:";
    private static final Pattern HTML_FIELD = Pattern.compile(
            "<(input|select|textarea)\\b([^>]*\\bcam-variable-name=\"([^\"]+)\"[^>]*)>(.*?)(</\\1>|(?=<(?:input|select|textarea)\\b)|$)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern FEEL_OPTION_VALUE = Pattern.compile("\\bvalue:\\s*\"([^\"]*)\"");
    private static final Pattern HTML_OPTION = Pattern.compile("<option\\b[^>]*\\bvalue=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final Map<String, FormSchema> byRef = new HashMap<>();

    public FormCatalog() {
        this("classpath*:forms/*.form", "classpath*:static/forms/*.html");
    }

    FormCatalog(String camundaForms, String htmlForms) {
        var resolver = new PathMatchingResourcePatternResolver();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Resource r : resolver.getResources(camundaForms)) {
                JsonNode form = json.readTree(read(r));
                FormSchema schema = camundaForm(form);
                byRef.put(form.path("id").asText(r.getFilename().replace(".form", "")), schema);
            }
            for (Resource r : resolver.getResources(htmlForms)) {
                byRef.put(EMBEDDED_PREFIX + "/forms/" + r.getFilename(), htmlForm(read(r)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("读取表单定义失败", e);
        }
    }

    /**
     * The schema of a task's or start event's form: {@code camunda:formRef} (a Camunda Form id) or
     * {@code camunda:formKey} (an embedded form); empty when the element has no form of ours.
     */
    public Optional<FormSchema> find(String formRef, String formKey) {
        if (formRef != null) {
            return Optional.ofNullable(byRef.get(formRef));
        }
        return formKey == null ? Optional.empty() : Optional.ofNullable(byRef.get(formKey));
    }

    /** Every form by its reference: a Camunda Form's id, or {@code embedded:/forms/<name>.html}. */
    Map<String, FormSchema> schemas() {
        return Map.copyOf(byRef);
    }

    /** The variable names of every file input of every form: what users upload, whatever the task. */
    public Set<String> fileFields() {
        Set<String> names = new TreeSet<>();
        byRef.values().forEach(schema -> schema.fields().values().stream()
                .filter(f -> f.kind() == Kind.FILE).forEach(f -> names.add(f.name())));
        return names;
    }

    static FormSchema camundaForm(JsonNode form) {
        Map<String, FormField> fields = new LinkedHashMap<>();
        collect(form.path("components"), fields);
        return new FormSchema(form.path("id").asText(), fields);
    }

    private static void collect(JsonNode components, Map<String, FormField> fields) {
        for (JsonNode c : components) {
            String key = c.path("key").asText(null);
            Kind kind = switch (c.path("type").asText()) {
                case "textfield", "textarea", "datetime" -> Kind.TEXT;
                case "radio", "select" -> Kind.CHOICE;
                case "checkbox" -> Kind.BOOLEAN;
                case "number" -> Kind.NUMBER;
                default -> null;
            };
            if (key != null && kind != null) {
                Set<String> options = new LinkedHashSet<>();
                c.path("values").forEach(v -> options.add(v.path("value").asText()));
                // options computed in FEEL from the task's variables: every value any branch of the expression offers
                Matcher computed = FEEL_OPTION_VALUE.matcher(c.path("valuesExpression").asText(""));
                while (computed.find()) {
                    options.add(computed.group(1));
                }
                JsonNode validate = c.path("validate");
                Integer maxLength = validate.has("maxLength") ? Integer.valueOf(validate.get("maxLength").asInt())
                        : kind == Kind.TEXT ? Integer.valueOf(DEFAULT_MAX_LENGTH) : null;
                Double min = validate.has("min") ? Double.valueOf(validate.get("min").asDouble()) : null;
                boolean readonly = c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false);
                fields.put(key, new FormField(key, c.path("label").asText(key), kind, options, maxLength, min, readonly));
            }
            collect(c.path("components"), fields);
        }
    }

    static FormSchema htmlForm(String html) {
        Map<String, FormField> fields = new LinkedHashMap<>();
        Matcher m = HTML_FIELD.matcher(html);
        while (m.find()) {
            String attributes = m.group(2);
            String name = m.group(3);
            String type = attribute(attributes, "cam-variable-type").orElse("String");
            Kind kind = switch (type) {
                case "Boolean" -> Kind.BOOLEAN;
                case "File" -> Kind.FILE;
                case "Integer", "Long", "Short", "Double" -> Kind.NUMBER;
                default -> Kind.TEXT;
            };
            Set<String> options = new LinkedHashSet<>();
            if (m.group(1).equalsIgnoreCase("select")) {
                Matcher o = HTML_OPTION.matcher(m.group(4));
                while (o.find()) {
                    if (!o.group(1).isEmpty()) {
                        options.add(o.group(1));
                    }
                }
                if (!options.isEmpty()) {
                    kind = Kind.CHOICE;
                }
            }
            Integer maxLength = attribute(attributes, "maxlength").map(Integer::valueOf)
                    .orElse(kind == Kind.TEXT ? Integer.valueOf(DEFAULT_MAX_LENGTH) : null);
            Integer maxBytes = attribute(attributes, "cam-max-filesize").map(Integer::valueOf).orElse(null);
            fields.put(name, new FormField(name, label(html, name), kind, options, kind == Kind.FILE ? maxBytes : maxLength, null,
                    attributes.matches("(?s).*\\b(readonly|disabled)\\b.*")));
        }
        return new FormSchema("html", fields);
    }

    /** The text of {@code <label for="name">}, up to its first tag or parenthesis. */
    private static String label(String html, String name) {
        Matcher m = Pattern.compile("<label\\b[^>]*\\bfor=\"" + Pattern.quote(name) + "\"[^>]*>([^<（(]*)").matcher(html);
        return m.find() && !m.group(1).isBlank() ? m.group(1).strip() : name;
    }

    private static Optional<String> attribute(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE).matcher(attributes);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String read(Resource r) throws IOException {
        try (InputStream in = r.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
