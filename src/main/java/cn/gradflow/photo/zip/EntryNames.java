package cn.gradflow.photo.zip;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a photo ZIP's entry may be called: {@code <学号>.jpg} at the archive's root (DOMAIN.md §5). Anything
 * else is refused and reported, never written: a path (with / or \), a parent reference, an absolute or
 * drive name, a folder, a symlink. The extension is matched case-insensitively here (Windows names
 * {@code .JPG}); the profile then says which extensions it takes.
 */
final class EntryNames {

    /** The longest name shown in a report; a hostile name may be 65,535 bytes. */
    static final int SHOWN = 200;

    private static final Pattern PHOTO = Pattern.compile("([0-9A-Za-z]{1,32})\\.(?i:jpe?g)");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private EntryNames() {
    }

    record Problem(String code, String message) {
    }

    /** The entry's problem by its kind and name alone, or empty for a name {@code <学号>.jpg} at the root. */
    static Optional<Problem> problem(String name, boolean directory, boolean symlink) {
        if (symlink) {
            return Optional.of(new Problem("SYMLINK", "符号链接，不予导入"));
        }
        if (directory || name.endsWith("/") || name.endsWith("\\")) {
            return Optional.of(new Problem("FOLDER", "文件夹，不予导入：照片须直接放在压缩包根目录"));
        }
        if (name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
            return Optional.of(new Problem("ABSOLUTE_PATH", "绝对路径，不予导入：照片须直接放在压缩包根目录"));
        }
        for (String segment : name.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                return Optional.of(new Problem("PARENT_PATH", "路径含“..”，不予导入"));
            }
        }
        if (name.contains("/") || name.contains("\\")) {
            return Optional.of(new Problem("PATH_IN_NAME", "位于子文件夹中，不予导入：照片须直接放在压缩包根目录"));
        }
        if (!PHOTO.matcher(name).matches()) {
            return Optional.of(new Problem("BAD_NAME", "文件名须为“学号.jpg”（录取照片为“考生号.jpg”）"));
        }
        return Optional.empty();
    }

    /** The student number of a name that passed {@link #problem}. */
    static String studentNo(String name) {
        Matcher m = PHOTO.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a photo name: " + name);
        }
        return m.group(1);
    }

    /** Two entries for one student (12.jpg and 12.JPG, or 12.jpeg) are duplicates. */
    static String duplicateKey(String name) {
        return studentNo(name).toLowerCase(Locale.ROOT);
    }

    /** The name as a report shows it: control characters made visible, cut to {@value #SHOWN} characters. */
    static String shown(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(SHOWN).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return name.codePointCount(0, name.length()) > SHOWN ? out + "…" : out.toString();
    }
}
