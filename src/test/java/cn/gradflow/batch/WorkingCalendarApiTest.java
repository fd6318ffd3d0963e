package cn.gradflow.batch;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** R-BA-06: everyone reads the working calendar; only HQ changes it, and the working days follow at once. */
@GradFlowSpringTest
class WorkingCalendarApiTest {

    /** A week far from the seeded year, so no other test's working days move: Monday 2099-06-01 to Sunday 06-07. */
    private static final LocalDate MONDAY = LocalDate.of(2099, 6, 1);
    private static final LocalDate SATURDAY = LocalDate.of(2099, 6, 6);

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired WorkingDays workingDays;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
        cleanUp();
    }

    @AfterEach
    void cleanUp() {
        workingDays.remove(MONDAY, "test");
        workingDays.remove(SATURDAY, "test");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyoneReadsTheSeededYear() {
        for (String user : List.of("th1", "gz1", "gd1", "hq1")) {
            ResponseEntity<Map> year = as(user).getForEntity("/api/working-calendar/2026", Map.class);
            assertThat(year.getStatusCode()).isEqualTo(HttpStatus.OK);
            List<Map<String, Object>> days = (List<Map<String, Object>>) year.getBody().get("days");
            assertThat(days).hasSize(39);
            assertThat(days).anySatisfy(d -> assertThat(d).containsEntry("date", "2026-10-10").containsEntry("weekday", "周六")
                    .containsEntry("kind", "MAKEUP_WORKDAY").containsEntry("name", "国庆节调休上班").containsEntry("workingDay", true)
                    .containsEntry("changedBy", "system")
                    .hasEntrySatisfying("changedAt", at -> assertThat(at.toString()).startsWith("2025-11-04T22:15")));
        }
        assertThat(http.getForEntity("/api/working-calendar/2026", Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("hq1").getForEntity("/api/working-calendar/1926", Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("hq1").getForEntity("/api/working-calendar/abc", Map.class).getBody().get("message").toString()).contains("年份");
    }

    @Test
    void hqMarksAHolidayAndAMakeUpDayAndTheWorkingDaysFollow() {
        LocalDate friday = MONDAY.minusDays(3);
        assertThat(workingDays.after(friday, 1)).isEqualTo(MONDAY);

        ResponseEntity<Map> holiday = put("hq1", MONDAY.toString(), Map.of("kind", "HOLIDAY", "name", "测试假日"));
        assertThat(holiday.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(holiday.getBody()).containsEntry("kind", "HOLIDAY").containsEntry("kindLabel", "法定节假日")
                .containsEntry("changedBy", "hq1").containsEntry("workingDay", false);
        assertThat(workingDays.after(friday, 1)).isEqualTo(MONDAY.plusDays(1));

        assertThat(put("hq1", SATURDAY.toString(), Map.of("kind", "MAKEUP_WORKDAY", "name", "测试调休上班")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(workingDays.after(friday, 5)).isEqualTo(SATURDAY);

        // changed again: the same day, new kind and name, the latest change recorded
        assertThat(put("hq1", MONDAY.toString(), Map.of("kind", "HOLIDAY", "name", "测试假日（改）")).getBody())
                .containsEntry("name", "测试假日（改）");
        assertThat(workingDays.find(MONDAY)).get().extracting(WorkingDays.Day::name).isEqualTo("测试假日（改）");

        assertThat(delete("hq1", MONDAY.toString()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(workingDays.after(friday, 1)).isEqualTo(MONDAY);
        assertThat(delete("hq1", MONDAY.toString()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void onlyHqChangesTheCalendar() {
        for (String user : List.of("gd1", "smjk1", "gz1", "th1")) {
            ResponseEntity<Map> refused = put(user, MONDAY.toString(), Map.of("kind", "HOLIDAY", "name", "分部自定假日"));
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody().get("message").toString()).contains("只有总部");
        }
        assertThat(workingDays.find(MONDAY)).isEmpty();
        assertThat(delete("gd1", "2026-10-01").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(workingDays.find(LocalDate.of(2026, 10, 1))).isPresent();
        assertThat(http.exchange("/api/working-calendar/" + MONDAY, HttpMethod.PUT,
                new HttpEntity<>(Map.of("kind", "HOLIDAY", "name", "x")), Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void badDatesKindsAndNamesAreRefusedInChinese() {
        assertThat(message(put("hq1", "2099-02-30", Map.of("kind", "HOLIDAY", "name", "x")))).contains("YYYY-MM-DD");
        assertThat(message(put("hq1", "20266-10-01", Map.of("kind", "HOLIDAY", "name", "x")))).contains("YYYY-MM-DD");
        assertThat(message(put("hq1", "1999-10-01", Map.of("kind", "HOLIDAY", "name", "x")))).contains("2000-01-01");
        assertThat(message(put("hq1", MONDAY.toString(), Map.of("kind", "DAY_OFF", "name", "x")))).contains("HOLIDAY", "MAKEUP_WORKDAY");
        assertThat(message(put("hq1", MONDAY.toString(), Map.of("name", "x")))).contains("kind");
        assertThat(message(put("hq1", MONDAY.toString(), Map.of("kind", "HOLIDAY", "name", "  ")))).contains("名称");
        assertThat(message(put("hq1", MONDAY.toString(), Map.of("kind", "HOLIDAY", "name", "节".repeat(51))))).contains("最多 50 字");
        assertThat(message(put("hq1", MONDAY.toString(), Map.of("kind", "MAKEUP_WORKDAY", "name", "调休")))).contains("周六或周日");
        assertThat(message(delete("hq1", "tomorrow"))).contains("YYYY-MM-DD");
        assertThat(workingDays.find(MONDAY)).isEmpty();
        // the longest name fits the column
        assertThat(put("hq1", MONDAY.toString(), Map.of("kind", "HOLIDAY", "name", "节".repeat(50))).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static String message(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return response.getBody().get("message").toString();
    }

    private ResponseEntity<Map> put(String user, String date, Object body) {
        return as(user).exchange("/api/working-calendar/" + date, HttpMethod.PUT, new HttpEntity<>(body), Map.class);
    }

    private ResponseEntity<Map> delete(String user, String date) {
        return as(user).exchange("/api/working-calendar/" + date, HttpMethod.DELETE, null, Map.class);
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, TestRoster.PASSWORD);
    }
}
