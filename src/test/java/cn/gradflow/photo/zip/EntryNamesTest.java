package cn.gradflow.photo.zip;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which entry names a photo ZIP may hold: {@code <学号>.jpg} at the root, nothing else (DOMAIN.md §5). */
class EntryNamesTest {

    @ParameterizedTest(name = "{0} dir={1} link={2} → {3}")
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            2440100000001.jpg     | false | false | OK
            2440100000001.JPG     | false | false | OK
            2440100000001.jpeg    | false | false | OK
            2440100000001.jpg     | false | true  | SYMLINK
            photos/               | true  | false | FOLDER
            photos\\              | false | false | FOLDER
            /2440100000001.jpg    | false | false | ABSOLUTE_PATH
            \\2440100000001.jpg   | false | false | ABSOLUTE_PATH
            C:2440100000001.jpg   | false | false | ABSOLUTE_PATH
            ../2440100000001.jpg  | false | false | PARENT_PATH
            a/../../x.jpg         | false | false | PARENT_PATH
            ..\\2440100000001.jpg | false | false | PARENT_PATH
            a/2440100000001.jpg   | false | false | PATH_IN_NAME
            a\\2440100000001.jpg  | false | false | PATH_IN_NAME
            ..                    | false | false | PARENT_PATH
            2440100000001.png     | false | false | BAD_NAME
            2440100000001.jpg.exe | false | false | BAD_NAME
            张三.jpg               | false | false | BAD_NAME
            .jpg                  | false | false | BAD_NAME
            """)
    void table(String name, boolean directory, boolean symlink, String code) {
        assertThat(EntryNames.problem(name.strip(), directory, symlink).map(EntryNames.Problem::code).orElse(null))
                .isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"2440100000001.jpg,2440100000001", "ab12.JPEG,ab12"})
    void duplicatesAreTheSameStudentWhateverTheCase(String name, String key) {
        assertThat(EntryNames.duplicateKey(name)).isEqualTo(key.toLowerCase());
    }

    @ParameterizedTest
    @CsvSource({"a\u0000b.jpg,a?b.jpg"})
    void controlCharactersAreShownAsQuestionMarks(String name, String shown) {
        assertThat(EntryNames.shown(name)).isEqualTo(shown);
        assertThat(EntryNames.shown("x".repeat(500))).hasSize(EntryNames.SHOWN + 1);
    }
}
