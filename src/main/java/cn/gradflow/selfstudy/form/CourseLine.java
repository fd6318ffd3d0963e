package cn.gradflow.selfstudy.form;

/**
 * One passed course on the registration form's score table (课程合格成绩).
 *
 * @param courseCode  课程代码, e.g. 03708
 * @param courseName  课程名称
 * @param score       成绩 as the exam office records it: a mark ("78"), a grade ("合格") or "免考"
 * @param examSession 考试时间, e.g. 2022年10月
 */
public record CourseLine(String courseCode, String courseName, String score, String examSession) {
}
