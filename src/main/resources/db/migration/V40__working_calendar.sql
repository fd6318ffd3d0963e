-- Issue 11, R-BA-06: HQ's turnaround is counted in working days, and a working day is not only a
-- Monday to Friday. This table holds the days that differ from the weekday rule: public holidays
-- (HOLIDAY, a day off even when it is a Monday to Friday) and make-up working days (MAKEUP_WORKDAY,
-- 调休上班, a Saturday or Sunday that is worked). Every other day follows the weekday rule.
-- HQ maintains it (PUT/DELETE /api/working-calendar/{date}); who changed a day last and when is kept.
CREATE TABLE working_calendar (
    calendar_day DATE        NOT NULL,
    kind         VARCHAR(20) NOT NULL,
    name         VARCHAR(50) NOT NULL,
    changed_by   VARCHAR(64) NOT NULL,
    changed_at   TIMESTAMP   NOT NULL,
    CONSTRAINT pk_working_calendar PRIMARY KEY (calendar_day),
    CONSTRAINT ck_working_calendar_kind CHECK (kind IN ('HOLIDAY', 'MAKEUP_WORKDAY'))
);

-- 2026, as arranged by 国务院办公厅关于2026年部分节假日安排的通知 (dated 2025-11-04, published by
-- Xinhua the same day, e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm):
--   元旦 1月1日（周四）至3日（周六）放假调休，共3天；1月4日（周日）上班。
--   春节 2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
--   清明节 4月4日（周六）至6日（周一）放假，共3天。
--   劳动节 5月1日（周五）至5日（周二）放假调休，共5天；5月9日（周六）上班。
--   端午节 6月19日（周五）至21日（周日）放假，共3天。
--   中秋节 9月25日（周五）至27日（周日）放假，共3天。
--   国庆节 10月1日（周四）至7日（周三）放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
-- Every day of each holiday is listed, weekend days included, so the year's list reads like the notice.
-- The seeded rows are changed by 'system' at the notice's publication (Beijing time), the same wall-clock
-- time of the schools' zone that later changes record (SchoolClock), whatever zone the database runs in.
INSERT INTO working_calendar (calendar_day, kind, name, changed_by, changed_at) VALUES
    (DATE '2026-01-01', 'HOLIDAY', '元旦', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-01-02', 'HOLIDAY', '元旦', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-01-03', 'HOLIDAY', '元旦', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-01-04', 'MAKEUP_WORKDAY', '元旦调休上班', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-14', 'MAKEUP_WORKDAY', '春节调休上班', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-15', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-16', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-17', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-18', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-19', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-20', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-21', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-22', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-23', 'HOLIDAY', '春节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-02-28', 'MAKEUP_WORKDAY', '春节调休上班', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-04-04', 'HOLIDAY', '清明节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-04-05', 'HOLIDAY', '清明节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-04-06', 'HOLIDAY', '清明节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-05-01', 'HOLIDAY', '劳动节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-05-02', 'HOLIDAY', '劳动节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-05-03', 'HOLIDAY', '劳动节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-05-04', 'HOLIDAY', '劳动节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-05-05', 'HOLIDAY', '劳动节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-05-09', 'MAKEUP_WORKDAY', '劳动节调休上班', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-06-19', 'HOLIDAY', '端午节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-06-20', 'HOLIDAY', '端午节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-06-21', 'HOLIDAY', '端午节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-09-20', 'MAKEUP_WORKDAY', '国庆节调休上班', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-09-25', 'HOLIDAY', '中秋节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-09-26', 'HOLIDAY', '中秋节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-09-27', 'HOLIDAY', '中秋节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-10-01', 'HOLIDAY', '国庆节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-10-02', 'HOLIDAY', '国庆节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-10-03', 'HOLIDAY', '国庆节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-10-04', 'HOLIDAY', '国庆节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-10-05', 'HOLIDAY', '国庆节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-10-06', 'HOLIDAY', '国庆节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-10-07', 'HOLIDAY', '国庆节', 'system', TIMESTAMP '2025-11-04 22:15:00'),
    (DATE '2026-10-10', 'MAKEUP_WORKDAY', '国庆节调休上班', 'system', TIMESTAMP '2025-11-04 22:15:00');
