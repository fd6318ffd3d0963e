package cn.gradflow.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

import cn.gradflow.common.TextLimits;

/** The fields of one form, and the check of what a user submitted with it. */
public record FormSchema(String id, Map<String, FormField> fields) {

    /** A form with no inputs: a task without a form of ours accepts no variables at all. */
    public static final FormSchema NONE = new FormSchema("none", Map.of());

    /**
     * Every problem of a submission, in Chinese; empty when it may be applied. Only the form's fields,
     * each of its type and within its limits; a read-only field only with the value it already has.
     *
     * @param current the variable's value now, for read-only fields
     */
    public List<String> problems(Map<String, ?> submitted, Function<String, Object> current) {
        List<String> problems = new ArrayList<>();
        if (submitted == null) {
            return problems;
        }
        for (Map.Entry<String, ?> e : submitted.entrySet()) {
            FormField field = fields.get(e.getKey());
            Object value = unwrap(e.getValue());
            if (field == null) {
                problems.add("字段 " + e.getKey() + " 不属于本表单" + (fields.isEmpty() ? "（本步骤不接受任何字段）"
                        : "（可提交：" + String.join("、", fields.keySet()) + "）"));
            } else if (field.readonly()) {
                if (!Objects.equals(value, unwrap(current.apply(field.name())))) {
                    problems.add(field.label() + " 为只读字段，不能修改");
                }
            } else {
                String problem = problem(field, value);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    private static String problem(FormField f, Object value) {
        if (value == null) {
            return null;
        }
        return switch (f.kind()) {
            case TEXT -> !(value instanceof String s) ? f.label() + " 须为文本"
                    // never more than the engine's text column holds, whatever the form says
                    : TextLimits.problem(f.label(), s, f.limit() == null ? TextLimits.ENGINE_TEXT
                            : Math.min(f.limit(), TextLimits.ENGINE_TEXT));
            case CHOICE -> !(value instanceof String s) ? f.label() + " 须为文本"
                    : s.isEmpty() || f.options().contains(s) ? null
                    : f.label() + " 的取值无效：" + shorten(s) + "（可选：" + String.join("、", f.options()) + "）";
            case BOOLEAN -> value instanceof Boolean ? null : f.label() + " 须为 true 或 false";
            case NUMBER -> !(value instanceof Number n) || !Double.isFinite(n.doubleValue()) ? f.label() + " 须为数字"
                    : f.min() != null && n.doubleValue() < f.min() ? f.label() + " 不能小于 " + f.min().longValue()
                    : null;
            case FILE -> value instanceof FileValue file ? fileProblem(f, file) : f.label() + " 须为文件";
        };
    }

    /**
     * A file's name and declared type within what GradFlow keeps of them ({@code identity_review_document})
     * and the engine holds while the task completes; its size within the form's {@code cam-max-filesize}.
     */
    private static String fileProblem(FormField f, FileValue file) {
        List<String> problems = new ArrayList<>();
        Stream.of(TextLimits.problem(f.label() + " 的文件名", file.getFilename(), TextLimits.FILE_NAME),
                        TextLimits.problem(f.label() + " 的文件类型", file.getMimeType(), TextLimits.CONTENT_TYPE),
                        TextLimits.problem(f.label() + " 的字符编码", file.getEncoding(), TextLimits.CONTENT_TYPE))
                .filter(Objects::nonNull).forEach(problems::add);
        if (f.limit() != null) {
            long size = size(file, f.limit());
            if (size > f.limit()) {
                problems.add(f.label() + " 超过 " + readable(f.limit()) + "（" + f.limit() + " 字节）");
            }
        }
        return problems.isEmpty() ? null : String.join("；", problems);
    }

    /** The file's size, counted up to one byte past the limit. */
    private static long size(FileValue file, int limit) {
        try (InputStream in = file.getValue()) {
            long total = 0;
            byte[] buffer = new byte[8192];
            for (int n; in != null && total <= limit && (n = in.read(buffer)) > 0; ) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("读取上传文件失败", e);
        }
    }

    private static String readable(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " 字节";
    }

    private static Object unwrap(Object value) {
        if (value instanceof org.camunda.bpm.engine.variable.value.SerializableValue serialized && !serialized.isDeserialized()) {
            // a serialized Object/JSON/XML sent over REST: getValue() would throw (a 500); no form field takes one
            return serialized;
        }
        return value instanceof TypedValue typed && !(typed instanceof FileValue) ? typed.getValue() : value;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
