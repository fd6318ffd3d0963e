package cn.gradflow.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.common.SchoolClock;
import cn.gradflow.selfstudy.SelfStudyAccess;
import cn.gradflow.selfstudy.SelfStudyRepository;
import cn.gradflow.selfstudy.SelfStudyStarter;

/**
 * The self-study demo (issue 15, 韶关 notice): 广东省考办 and 韶关市考办 with one login each, the session
 * {@value #SESSION} with the notice's calendar moved to the day the demo database is created, and three
 * invented candidates with their own logins, each with a started case: 林晓雯 (专科, happy path), 陈志远 (本科,
 * whose prior degree lapses {@value #PRIOR_DEGREE_MINUTES} minutes after the seed unless 广东省考办 verifies it)
 * and 黄美玲 (专科 机械制造与自动化, not in the population register: the ID check fails). Creates only what is
 * missing. Writes sample photos that meet the profiles to {@code data/self-study-demo/} for the upload forms.
 */
@Component
@Profile("demo")
@Order(20)
class SelfStudyDemo implements ApplicationRunner {

    static final String SESSION = "2023H1";
    static final int PRIOR_DEGREE_MINUTES = 10;
    static final Path FILES = Path.of("data", "self-study-demo");
    private static final Logger log = LoggerFactory.getLogger(SelfStudyDemo.class);

    private record Candidate(String no, String name, String sex, String idNumber, LocalDate birth, String level, String majorCode,
                             String majorName, String user, boolean inRegister) {
    }

    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("360102100101", "林晓雯", "女", "440203199603150028", LocalDate.of(1996, 3, 15), "ZHUANKE", "690206",
                    "行政管理", "ks1", true),
            new Candidate("360102100102", "陈志远", "男", "440204199211020015", LocalDate.of(1992, 11, 2), "BENKE", "050101",
                    "汉语言文学", "ks2", true),
            new Candidate("360102100103", "黄美玲", "女", "440205199807210047", LocalDate.of(1998, 7, 21), "ZHUANKE", "460104",
                    "机械制造与自动化", "ks3", false));

    private final JdbcClient jdbc;
    private final IdentityService identity;
    private final SelfStudyAccess access;
    private final SelfStudyStarter starter;
    private final SelfStudyRepository repository;
    private final SchoolClock clock;
    private final TransactionTemplate tx;
    private final String password;

    SelfStudyDemo(JdbcClient jdbc, IdentityService identity, SelfStudyAccess access, SelfStudyStarter starter,
                  SelfStudyRepository repository, SchoolClock clock, TransactionTemplate tx,
                  @Value("${gradflow.demo.password}") String password) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.access = access;
        this.starter = starter;
        this.repository = repository;
        this.clock = clock;
        this.tx = tx;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(s -> seedRecords());
        access.ensureGroups();
        login("sgks1", "黎晓峰", "ZKSG");
        login("gdks1", "郑雅琴", "ZKGD");
        for (Candidate c : CANDIDATES) {
            login(c.user(), c.name(), SelfStudyAccess.CANDIDATES);
            if (repository.findCase(SESSION, c.no()).isEmpty()) {
                starter.startAsSystem(SESSION, c.no());
                log.info("Self-study demo: started the case of {} ({})", c.name(), c.no());
            }
        }
        writeSampleFiles();
    }

    private void seedRecords() {
        if (repository.office("ZKGD").isEmpty()) {
            jdbc.sql("INSERT INTO ss_office (code, name, tier, parent_code) VALUES ('ZKGD', '广东省考办', 'PROVINCE', NULL)").update();
            jdbc.sql("INSERT INTO ss_office (code, name, tier, parent_code) VALUES ('ZKSG', '韶关市考办', 'CITY', 'ZKGD')").update();
        }
        if (repository.session(SESSION).isEmpty()) {
            LocalDate d = clock.today();
            LocalDateTime now = clock.now();
            // the notice's order kept: windows already open, the prior-degree check due soon, certificates already in
            jdbc.sql("""
                            INSERT INTO ss_session (code, name, province_office, prerequisites_due, prior_degree_due, apply_opens,
                                apply_closes, onsite_opens, onsite_closes, fresh_certificate_due, certificates_from)
                            VALUES (?, ?, 'ZKGD', ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(SESSION, "2023 年上半年（演示：日期移到演示库创建日）", d.plusDays(7).atStartOfDay(),
                            now.plusMinutes(PRIOR_DEGREE_MINUTES), d.minusDays(1).atStartOfDay(), d.plusDays(14).atTime(23, 59, 59),
                            d.minusDays(1).atTime(8, 30), d.plusDays(14).atTime(17, 0), d.plusDays(30).atStartOfDay(),
                            d.minusDays(1).atTime(9, 0))
                    .update();
        }
        if (jdbc.sql("SELECT COUNT(*) FROM ss_major_course WHERE major_code = '690206'").query(Integer.class).single() == 0) {
            for (String[] course : new String[][] {
                    {"690206", "00341", "公文写作与处理", "REQUIRED"}, {"690206", "00312", "政治学概论", "REQUIRED"},
                    {"050101", "00037", "美学", "REQUIRED"}, {"050101", "00529", "文学概论", "REQUIRED"},
                    {"050101", "00015", "英语（二）", "BACHELOR_EXTRA"},
                    {"460104", "02183", "机械制图（一）", "REQUIRED"}, {"460104", "02230", "机械制造", "REQUIRED"}}) {
                jdbc.sql("INSERT INTO ss_major_course (major_code, course_code, course_name, kind) VALUES (?, ?, ?, ?)")
                        .params((Object[]) course).update();
            }
        }
        for (Candidate c : CANDIDATES) {
            if (repository.candidate(c.no()).isPresent()) {
                continue;
            }
            jdbc.sql("""
                            INSERT INTO ss_candidate (candidate_no, name, sex, id_number, birth_date, level, major_code, major_name,
                                examining_university, city_office, user_id, elective_credits_earned, elective_credits_required,
                                practice_major, practice_university, phone)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, '华南师范大学', 'ZKSG', ?, 24, 20, ?, '华南师范大学', '13800000000')""")
                    .params(c.no(), c.name(), c.sex(), c.idNumber(), c.birth(), c.level(), c.majorCode(), c.majorName(), c.user(),
                            c.majorCode())
                    .update();
            jdbc.sql("""
                            INSERT INTO ss_grade (candidate_no, course_code, course_name, score, exam_session)
                            SELECT ?, course_code, course_name, 72, '202210' FROM ss_major_course WHERE major_code = ?""")
                    .params(c.no(), c.majorCode()).update();
            // the register knows 黄美玲 with another birth date: her ID check fails
            jdbc.sql("INSERT INTO ss_population_register (id_number, name, sex, birth_date) VALUES (?, ?, ?, ?)")
                    .params(c.idNumber(), c.name(), c.sex(), c.inRegister() ? c.birth() : c.birth().plusDays(1)).update();
        }
    }

    private void login(String userId, String name, String group) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName(name.substring(1));
            user.setLastName(name.substring(0, 1));
            user.setPassword(password);
            user.setEmail(userId + "@demo.gradflow.invalid");
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
            identity.createMembership(userId, group);
        }
    }

    /** A certificate photo (CHSI_CERTIFICATE) and an ID image (ID_ATTACHMENT) for the demo's upload forms. */
    private void writeSampleFiles() {
        try {
            Files.createDirectories(FILES);
            Files.write(FILES.resolve("certificate-photo.jpg"), certificatePhoto());
            Files.write(FILES.resolve("id-image.jpg"), certificatePhoto());
        } catch (IOException e) {
            log.warn("Self-study demo: sample photos not written to {}: {}", FILES.toAbsolutePath(), e.getMessage());
        }
    }

    /** 480×640, light blue, head top at 80 px, 300 dpi, padded to 30 KB: what the 自考 certificate photo spec asks. */
    static byte[] certificatePhoto() {
        BufferedImage image = new BufferedImage(480, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(100, 197, 255));
        g.fillRect(0, 0, 480, 640);
        g.setColor(new Color(60, 60, 70));
        g.fillOval(140, 80, 200, 256);
        g.fillRect(96, 384, 288, 256);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            IIOMetadataNode jfif = (IIOMetadataNode) root.getElementsByTagName("app0JFIF").item(0);
            jfif.setAttribute("resUnits", "1");
            jfif.setAttribute("Xdensity", "300");
            jfif.setAttribute("Ydensity", "300");
            metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, metadata), param);
            ios.flush();
            return padded(out.toByteArray(), 30 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** Comment segments after the JFIF header until the file has {@code size} bytes (the spec's 20–40 KB). */
    private static byte[] padded(byte[] jpeg, int size) {
        int afterJfif = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterJfif);
        int missing = size - jpeg.length;
        while (missing >= 4) {
            int payload = Math.min(missing, 65000) - 4;
            out.write(0xFF);
            out.write(0xFE);
            out.write(((payload + 2) >> 8) & 0xFF);
            out.write((payload + 2) & 0xFF);
            out.write(new byte[payload], 0, payload);
            missing -= payload + 4;
        }
        out.write(jpeg, afterJfif, jpeg.length - afterJfif);
        return out.toByteArray();
    }
}
