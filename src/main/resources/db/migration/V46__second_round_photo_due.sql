-- Issue 11, R-EL-06/R-PH-01: 生命健康 202307 gives the second round its own photo deadline ("第二批毕业生学历照片
-- 采集工作须在 8 月 30 日前完成 … 未提交的学生将不能进入本批毕业初审名单"). Optional: NULL where the branch's notice
-- names none; then a photo on the platform counts whenever it came. Plain SQL for H2 and MySQL alike.
ALTER TABLE batch_calendar ADD COLUMN second_round_photo_due DATE NULL;
