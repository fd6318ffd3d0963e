#!/usr/bin/env bash
# Issue 13 item 3 walked as an outside checker would (README, "Two nodes on one database"): two nodes started
# with the README's commands on one MariaDB database, a batch of demo students sent through both nodes' HTTP doors,
# then the database counted. Needs curl and the mariadb client; the database made as the README says.
#
#   tools/two-nodes/walk.sh start    # the README's two `java -jar` lines; waits until both answer and the demo is seeded
#   tools/two-nodes/walk.sh batch    # starts, 申请毕业, city, branch, list for HQ, cities' confirmations, HQ, certificates
#   tools/two-nodes/walk.sh timers   # the batch processes' timers made due, twice (not 本批次关闭, which would close the batch)
#   tools/two-nodes/walk.sh count    # what the database says; exit code 1 if anything is off
#   tools/two-nodes/walk.sh stop     # kills the two nodes it started (target/node1.pid, target/node2.pid)
#   tools/two-nodes/walk.sh all      # start, batch, timers, count, stop — on an empty database
#
# DB (gradflow_two_nodes), PORT1 (8094), PORT2 (8095) and PER_CENTRE (8 students of each of three centres) as env.
set -uo pipefail
cd "$(dirname "$0")/../.."

DB=${DB:-gradflow_two_nodes}
PORT1=${PORT1:-8094}
PORT2=${PORT2:-8095}
PER_CENTRE=${PER_CENTRE:-8}
BATCH=202601
JAR=target/gradflow-0.1.0-SNAPSHOT.jar
N1=http://localhost:$PORT1
N2=http://localhost:$PORT2
FAILED=0

say() { printf '\n== %s\n' "$*"; }
ok() { printf '  OK   %s\n' "$*"; }
bad() { printf '  FAIL %s\n' "$*"; FAILED=1; }
q() { mariadb -ugradflow -pgradflow -h127.0.0.1 "$DB" -N -B -e "$1"; }
table() { mariadb -ugradflow -pgradflow -h127.0.0.1 "$DB" -t -e "$1"; }

# the demo's eligible students (index 0–119 stop at 提交毕业申请): index i is at centre i mod 4
# (天河 4401, 番禺 4402, 浈江 4403, 北京 1101), so 天河 0,4,8…, 番禺 1,5,9…, 浈江 2,6,10…
nos() { local centre=$1 first=$2; for ((k = 0; k < PER_CENTRE; k++)); do printf '2%s%08d\n' "$centre" $((first + 4 * k)); done; }
PAIR=(2440100000028 2440100000032)  # the README's example: 申请毕业 on node 1, the city's approval on node 2
TH=($(nos 4401 0 | grep -v -e 2440100000028 -e 2440100000032) 2440100000192)  # the last of each not yet started
PY=($(nos 4402 1) 2440200000193)
ZJ=($(nos 4403 2) 2440300000194)
ALL=("${PAIR[@]}" "${TH[@]}" "${PY[@]}" "${ZJ[@]}")
json_list() { local IFS=,; printf '"%s"' "$1"; shift; for n in "$@"; do printf ',"%s"' "$n"; done; }
sql_list() { local s="'$1'"; shift; for n in "$@"; do s="$s,'$n'"; done; printf '%s' "$s"; }
IN_ALL=$(sql_list "${ALL[@]}")

# POST with HTTP Basic; prints "<status> <body>"
post() { curl -s -u "$1:demo" -H 'Content-Type: application/json' -X POST -d "$4" -w ' %{http_code}' "$2$3" \
  | sed -E 's/^(.*) ([0-9]{3})$/\2 \1/'; }
get() { curl -s -u "$1:demo" "$2$3"; }
count_of() { local c; c=$(grep -o "\"$1\":[0-9]*" <<<"$2" | head -1 | cut -d: -f2); echo "${c:-0}"; }

# waits until the SQL answers 1 (checks run on the job executors, a few seconds each under load)
await() {
  local what=$1 sql=$2 limit=${3:-600} t=0
  while [ "$(q "$sql")" != 1 ]; do
    if ((t >= limit)); then bad "not within ${limit}s: $what"; return 1; fi
    sleep 2; t=$((t + 2))
  done
  ok "$what (${t}s)"
}
all_in_state() { echo "SELECT COUNT(*) = ${#ALL[@]} FROM application WHERE batch_code = '$BATCH' AND student_no IN ($IN_ALL) AND state = '$1'"; }
# the walked students but the README's pair, which is one step ahead until the branch
REST=("${TH[@]}" "${PY[@]}" "${ZJ[@]}")
rest_in_state() { echo "SELECT COUNT(*) = ${#REST[@]} FROM application WHERE batch_code = '$BATCH' AND student_no IN ($(sql_list "${REST[@]}")) AND state = '$1'"; }
# batch [stage]: from that stage on (a walk cut short goes on where it stopped)
STAGES=" starts apply city branch list confirm hq certificate "
from() { local rest=${STAGES#* $FROM }; [ "$rest" != "$STAGES" ] && [[ " $FROM $rest" == *" $1 "* ]]; }

# the same decision list sent to both nodes at the same moment: each student DONE on one, ALREADY_DECIDED on the other
decide_on_both() {
  local user=$1 body=$2 n=$3 a b
  post "$user" "$N1" "/api/batches/$BATCH/decisions" "$body" > /tmp/walk.$$.1 & local p1=$!
  post "$user" "$N2" "/api/batches/$BATCH/decisions" "$body" > /tmp/walk.$$.2 &
  wait $p1 $!   # not a bare wait: after `start` the two nodes are this shell's children too
  a=$(cat /tmp/walk.$$.1); b=$(cat /tmp/walk.$$.2); rm -f /tmp/walk.$$.1 /tmp/walk.$$.2
  echo "  node1: ${a:0:300}"; echo "  node2: ${b:0:300}"
  local done=$(( $(count_of DONE "$a") + $(count_of DONE "$b") ))
  local other=$(( $(count_of ALREADY_DECIDED "$a") + $(count_of ALREADY_DECIDED "$b") ))
  [ "$done" = "$n" ] && [ "$other" = "$n" ] && ok "$user: $n DONE once, $n ALREADY_DECIDED on the other node" \
    || bad "$user: DONE $done, ALREADY_DECIDED $other of $n"
}
decide_on() {
  local user=$1 node=$2 body=$3 n=$4 a
  a=$(post "$user" "$node" "/api/batches/$BATCH/decisions" "$body")
  echo "  ${node#http://}: ${a:0:300}"
  [ "$(count_of DONE "$a")" = "$n" ] && ok "$user on ${node#http://}: $n DONE" || bad "$user on ${node#http://}: not all $n DONE"
}

# completes a student's open task of the step through /engine-rest as the user (what Tasklist sends)
task_of() { get "$1" "$2" "/engine-rest/task?processInstanceBusinessKey=$BATCH-$3&taskDefinitionKey=$4&maxResults=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4; }
# photosStored names the kinds GradFlow holds by their Chinese labels, e.g. "平台毕业照片、录取照片、学信网学历照片"
stored() { get "$1" "$2" "/engine-rest/task/$3/variables/photosStored" | grep -q "\"value\":\"[^\"]*$4"; }
complete() {
  local user=$1 node=$2 id=$3 vars=$4 r
  r=$(post "$user" "$node" "/engine-rest/task/$id/complete" "{\"variables\":{$vars}}")
  [ "${r:0:3}" = 204 ] || bad "$user completing $id on ${node#http://}: $r"
}

start() {
  say "start: the README's commands, ports $PORT1 and $PORT2, database $DB"
  rm -f "/tmp/walk-timers.$DB"
  [ -f "$JAR" ] || { echo "build the jar first: mvn -B -ntp package -DskipTests"; exit 2; }
  export MYSQL_URL="jdbc:mysql://127.0.0.1:3306/$DB?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8&connectionTimeZone=LOCAL"
  java -jar "$JAR" --spring.profiles.active=mysql,demo --server.port="$PORT1" \
    --camunda.bpm.generic-properties.properties.hostname=node1 > node1.log 2>&1 &
  echo $! > target/node1.pid
  java -jar "$JAR" --spring.profiles.active=mysql,demo --server.port="$PORT2" \
    --camunda.bpm.generic-properties.properties.hostname=node2 > node2.log 2>&1 &
  echo $! > target/node2.pid
  local t=0
  for node in "$N1" "$N2"; do
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -u demo:demo "$node/api/me")" = 200 ]; do
      sleep 5; t=$((t + 5))
      if ((t > 1800)); then bad "$node did not answer within 30 minutes"; return 1; fi
    done
    ok "$node answers (${t}s after start)"
  done
  await "the demo's 192 applications started and their initial audits run" \
    "SELECT COUNT(*) = 192 AND SUM(state = 'CHECKING') = 0 FROM application WHERE batch_code = '$BATCH'" 900
  grep -h 'Another node is starting\|Demo data complete\|Demo data' node1.log node2.log | sed 's/^/  log: /' | head -6
}

batch() {
  FROM=${1:-starts}
  if from starts; then
  say "starts split over both nodes: th1 and zj1 on node 1, py1 on node 2"
  for s in "th1 $N1 ${TH[-1]}" "py1 $N2 ${PY[-1]}" "zj1 $N1 ${ZJ[-1]}"; do
    set -- $s
    r=$(post "$1" "$2" "/api/batches/$BATCH/applications" "{\"studentNos\": [\"$3\"]}")
    echo "  $1 on ${2#http://}: ${r:0:200}"
    grep -q '"STARTED":1' <<<"$r" && ok "$3 started" || bad "$3 not started"
  done
  await "initial audits of the three starts" "$(echo "SELECT COUNT(*) = 3 FROM application WHERE batch_code = '$BATCH'
    AND student_no IN ('${TH[-1]}','${PY[-1]}','${ZJ[-1]}') AND state = 'APPLYING'")"

  fi; if from apply; then
  say "the README's example: th1's 申请毕业 of two students on node 1, the city's approval on node 2"
  decide_on th1 "$N1" "{\"action\": \"APPLY\", \"commitmentLetter\": true, \"studentNos\": [$(json_list "${PAIR[@]}")]}" 2
  await "the two at 分校审批" "SELECT COUNT(*) = 2 FROM application WHERE batch_code = '$BATCH'
    AND student_no IN ($(sql_list "${PAIR[@]}")) AND state = 'CITY_REVIEW'" 300
  decide_on gz1 "$N2" "{\"action\": \"APPROVE\", \"studentNos\": [$(json_list "${PAIR[@]}")]}" 2

  say "申请毕业: th1's list sent to both nodes at once; py1 half on each node; zj1 on node 2"
  decide_on_both th1 "{\"action\": \"APPLY\", \"commitmentLetter\": true, \"studentNos\": [$(json_list "${TH[@]}")]}" ${#TH[@]}
  local h=$(( ${#PY[@]} / 2 ))
  decide_on py1 "$N1" "{\"action\": \"APPLY\", \"commitmentLetter\": true, \"studentNos\": [$(json_list "${PY[@]:0:h}")]}" $h
  decide_on py1 "$N2" "{\"action\": \"APPLY\", \"commitmentLetter\": true, \"studentNos\": [$(json_list "${PY[@]:h}")]}" $(( ${#PY[@]} - h ))
  decide_on zj1 "$N2" "{\"action\": \"APPLY\", \"commitmentLetter\": true, \"studentNos\": [$(json_list "${ZJ[@]}")]}" ${#ZJ[@]}
  await "the other ${#REST[@]} at 分校审批 (the checks ran on the job executors)" "$(rest_in_state CITY_REVIEW)"
  fi; if from city; then

  say "分校审批: gz1's list (天河 and 番禺) sent to both nodes at once; sg1 (浈江) on node 1"
  decide_on_both gz1 "{\"action\": \"APPROVE\", \"studentNos\": [$(json_list "${TH[@]}" "${PY[@]}")]}" $(( ${#TH[@]} + ${#PY[@]} ))
  decide_on sg1 "$N1" "{\"action\": \"APPROVE\", \"studentNos\": [$(json_list "${ZJ[@]}")]}" ${#ZJ[@]}
  await "all at 分部复审" "$(all_in_state BRANCH_REVIEW)" 60
  fi; if from branch; then
  # 分部复审 compares photos (R-PH-03, R-ID-04). A bulk 通过 is taken where no pair of photos is on file (无可比对照片);
  # a student with both photos of a pair answers BLOCKED 「须比对照片并填写结果…」 and is compared as in Tasklist's form:
  # completed through /engine-rest with academicPhotoMatch / admissionPhotoMatch
  say "分部复审: gd1's list, half on node 1 and half on node 2 at the same moment"
  local h=$(( ${#ALL[@]} / 2 )) a b
  post gd1 "$N1" "/api/batches/$BATCH/decisions" "{\"action\": \"APPROVE\", \"studentNos\": [$(json_list "${ALL[@]:0:h}")]}" > /tmp/walk.$$.1 & local p1=$!
  post gd1 "$N2" "/api/batches/$BATCH/decisions" "{\"action\": \"APPROVE\", \"studentNos\": [$(json_list "${ALL[@]:h}")]}" > /tmp/walk.$$.2 &
  wait $p1 $!
  a=$(cat /tmp/walk.$$.1); b=$(cat /tmp/walk.$$.2); rm -f /tmp/walk.$$.1 /tmp/walk.$$.2
  echo "  node1: ${a:0:300}"; echo "  node2: ${b:0:300}"
  local compare=$(( $(grep -o '"result":"BLOCKED","message":"须比对照片' <<<"$a$b" | wc -l) ))
  [ $(( $(count_of DONE "$a") + $(count_of DONE "$b") + compare )) = ${#ALL[@]} ] \
    && ok "gd1: $(( ${#ALL[@]} - compare )) DONE by the bulk call, $compare to be compared one by one" || bad "gd1's bulk 通过: unexpected results"
  local i=0 node id g x d no
  for no in $(q "SELECT student_no FROM application WHERE batch_code = '$BATCH' AND student_no IN ($IN_ALL) AND state = 'BRANCH_REVIEW'"); do
    node=$([ $((i % 2)) = 0 ] && echo "$N1" || echo "$N2"); i=$((i + 1))
    id=$(task_of gd1 "$node" "$no" BranchReview)
    [ -n "$id" ] || { bad "no 分部复审 task for $no"; continue; }
    # what the form shows: which photos are on file (its answer is 一致 where both are, else 无可比对照片)
    g=false; stored gd1 "$node" "$id" 平台毕业照片 && g=true
    x=NO_PHOTO; $g && stored gd1 "$node" "$id" 学信网学历照片 && x=MATCH
    d=NO_PHOTO; $g && stored gd1 "$node" "$id" 录取照片 && d=MATCH
    complete gd1 "$node" "$id" "\"decision\":{\"value\":\"APPROVE\"},\"academicPhotoMatch\":{\"value\":\"$x\"},\"admissionPhotoMatch\":{\"value\":\"$d\"}" \
      && echo "  $no on ${node#http://}: 学历照片 $x, 录取照片 $d, 通过"
  done
  await "all at 待分部上报总部" "$(all_in_state AWAITING_HQ)" 60
  fi; if from list; then

  say "the list for HQ asked for on both nodes at once by gd1"
  post gd1 "$N1" "/api/batches/$BATCH/branches/GD/hq-submissions" "" > /tmp/walk.$$.1 & local p1=$!
  post gd1 "$N2" "/api/batches/$BATCH/branches/GD/hq-submissions" "" > /tmp/walk.$$.2 &
  wait $p1 $!
  a=$(cat /tmp/walk.$$.1); c=$(cat /tmp/walk.$$.2); rm -f /tmp/walk.$$.1 /tmp/walk.$$.2
  echo "  node1: ${a:0:300}"; echo "  node2: ${c:0:300}"
  # one list holds everyone; the other request finds nobody left: 409 NOTHING_WAITING, no empty list filed
  local full=$(grep -c '^201 .*"empty":false' <<<"$a
$c") other=$(grep -c '^409 .*NOTHING_WAITING' <<<"$a
$c")
  [ "$full" = 1 ] && [ "$other" = 1 ] && ok "one list (201), the other request refused (409 NOTHING_WAITING)" \
    || bad "list requests answered ${a:0:3} and ${c:0:3}"

  fi; if from confirm; then
  say "确认拟上报总部名单: gz1 on node 2, sg1 on node 1"
  for s in "gz1 $N2 GDGZ" "sg1 $N1 GDSG"; do
    set -- $s
    id=""
    for ((t = 0; t < 60; t++)); do
      id=$(get "$1" "$2" "/engine-rest/task?taskDefinitionKey=ConfirmHqList&candidateGroup=$3&maxResults=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
      [ -n "$id" ] && break
      sleep 2
    done
    [ -n "$id" ] || { bad "$1: no 确认拟上报总部名单 task"; continue; }
    complete "$1" "$2" "$id" '"confirmation":{"value":"CONFIRM"}' && ok "$1 confirmed the list on ${2#http://}"
  done
  await "all at 总部终审 (上报总部 and each case's delivery ran as jobs)" "$(all_in_state HQ_REVIEW)"

  fi; if from hq; then
  say "总部终审 by hq1, alternately on node 1 and node 2"
  i=0
  for no in "${ALL[@]}"; do
    node=$([ $((i % 2)) = 0 ] && echo "$N1" || echo "$N2"); i=$((i + 1))
    id=$(task_of hq1 "$node" "$no" HqFinalReview)
    [ -n "$id" ] && complete hq1 "$node" "$id" '"decision":{"value":"APPROVE"}' || bad "no 总部终审 task for $no"
  done
  await "all at 待发放证书 (registration numbers issued by the job executors)" "$(all_in_state CERTIFICATE)"

  fi; if from certificate; then
  say "证书发放确认 by each centre, alternately on node 2 and node 1"
  i=0
  for no in "${ALL[@]}"; do
    node=$([ $((i % 2)) = 0 ] && echo "$N2" || echo "$N1"); i=$((i + 1))
    user=$(case ${no:1:4} in 4401) echo th1;; 4402) echo py1;; *) echo zj1;; esac)
    id=$(task_of "$user" "$node" "$no" ConfirmCertificate)
    [ -n "$id" ] && complete "$user" "$node" "$id" '"certificateSigned":{"value":true}' || bad "no 证书发放确认 task for $no"
  done
  await "all 已毕业" "$(all_in_state GRADUATED)" 60
  fi
}

timers() {
  say "the batch processes' timers made due (as demo through /engine-rest), two rounds, alternately on both nodes"
  local round ids id i=0 now
  for round in 1 2; do
    # 本批次关闭 (BatchCloses) is left: it would close the batch's open cases
    ids=$(q "SELECT j.ID_ FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_
      WHERE j.TYPE_ = 'timer' AND j.PROCESS_DEF_KEY_ = 'graduation-batch' AND d.ACT_ID_ <> 'BatchCloses'")
    [ -n "$ids" ] || { ok "round $round: no timer left before the close"; break; }
    now=$(date -u -d '-2 seconds' +%Y-%m-%dT%H:%M:%S.000+0000)
    for id in $ids; do
      node=$([ $((i % 2)) = 0 ] && echo "$N1" || echo "$N2"); i=$((i + 1))
      r=$(curl -s -u demo:demo -X PUT -H 'Content-Type: application/json' -d "{\"duedate\": \"$now\"}" \
        -w '%{http_code}' "$node/engine-rest/job/$id/duedate")
      [ "$r" = 204 ] || bad "moving timer $id: $r"
    done
    await "round $round: $(wc -w <<<"$ids") timers ran" \
      "SELECT COUNT(*) = 0 FROM ACT_RU_JOB WHERE ID_ IN ($(sql_list $ids))" 120
    echo "$ids" >> /tmp/walk-timers.$DB
  done
}

count() {
  say "count in $DB"
  check() { [ "$(q "$2")" = "$3" ] && ok "$1" || bad "$1: $(q "$2" | tr '\n' ' ') (expected $3)"; }
  table "SELECT HOSTNAME_ AS node, COUNT(*) AS jobs_run FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 GROUP BY HOSTNAME_"
  check "both nodes ran jobs" "SELECT COUNT(DISTINCT HOSTNAME_) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND HOSTNAME_ IN ('node1','node2')" 2
  check "no job ran successfully twice (ACT_HI_JOB_LOG, per JOB_ID_)" \
    "SELECT COUNT(*) FROM (SELECT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 GROUP BY JOB_ID_ HAVING COUNT(*) > 1) x" 0
  check "no job failed" "SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 1" 0
  check "no incident" "SELECT COUNT(*) FROM ACT_RU_INCIDENT" 0
  check "no job left due (ACT_RU_JOB holds only timers and messages not yet due)" \
    "SELECT COUNT(*) FROM ACT_RU_JOB WHERE SUSPENSION_STATE_ = 1 AND (DUEDATE_ IS NULL OR DUEDATE_ <= NOW() - INTERVAL 1 MINUTE)" 0
  table "SELECT TYPE_, PROCESS_DEF_KEY_, COUNT(*) AS left_in_ACT_RU_JOB, MIN(DUEDATE_) AS next_due FROM ACT_RU_JOB GROUP BY TYPE_, PROCESS_DEF_KEY_"
  if [ -s "/tmp/walk-timers.$DB" ]; then
    check "each timer made due ran once" "SELECT COUNT(*) FROM (SELECT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2
      AND JOB_ID_ IN ($(sql_list $(cat "/tmp/walk-timers.$DB"))) GROUP BY JOB_ID_ HAVING COUNT(*) = 1) x" "$(wc -w < "/tmp/walk-timers.$DB")"
    check "no notice announced twice" "SELECT COUNT(*) FROM (SELECT 1 FROM notification GROUP BY unit_code, batch_code, kind, message HAVING COUNT(*) > 1) x" 0
  fi

  check "each Flyway migration once, none failed" "SELECT COUNT(*) FROM (SELECT version FROM flyway_schema_history
    WHERE version IS NOT NULL GROUP BY version HAVING COUNT(*) > 1) x UNION ALL SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0" "0
0"
  check "each process deployed once" "SELECT COUNT(*) FROM (SELECT KEY_ FROM ACT_RE_PROCDEF GROUP BY KEY_ HAVING COUNT(*) > 1) x" 0
  check "the demo seeded once: 200 students, 6 shared filters" \
    "SELECT (SELECT COUNT(*) FROM student) = 200 AND (SELECT COUNT(*) FROM ACT_RU_FILTER) = 6" 1

  table "SELECT state, COUNT(*) FROM application WHERE batch_code = '$BATCH' GROUP BY state"
  check "the ${#ALL[@]} walked students 已毕业" "$(all_in_state GRADUATED)" 1
  # the demo leaves 139 cases at 提交毕业申请 (index 0–119, 130–141, 179, 184–187) and 53 at 整改; the walk took
  # all but its three new starts from the first
  check "the demo's other cases where the demo left them" "SELECT CONCAT(SUM(state = 'APPLYING'), ' ', SUM(state = 'CORRECTION'),
    ' ', COUNT(*)) FROM application WHERE batch_code = '$BATCH'" "$((139 - ${#ALL[@]} + 3)) 53 $((192 + 3))"
  check "every walked student decided once per step: APPLY, CITY APPROVE, PHOTO_COMPARISON, BRANCH APPROVE, HQ APPROVE, CERTIFICATE" \
    "SELECT COUNT(*) FROM (SELECT a.student_no FROM application a JOIN decision_log d ON d.application_id = a.id
      WHERE a.batch_code = '$BATCH' AND a.student_no IN ($IN_ALL) GROUP BY a.student_no
      HAVING COUNT(*) = 6 AND COUNT(DISTINCT d.tier, d.decision) = 6) x" ${#ALL[@]}
  table "SELECT d.tier, d.decision, COUNT(*) AS decisions, COUNT(DISTINCT d.application_id) AS cases FROM decision_log d
    JOIN application a ON a.id = d.application_id WHERE a.student_no IN ($IN_ALL) GROUP BY d.tier, d.decision"
  check "one list for HQ holding each walked student once" \
    "SELECT COUNT(*) = ${#ALL[@]} AND COUNT(DISTINCT student_no) = ${#ALL[@]} AND COUNT(DISTINCT submission_id) = 1
      FROM hq_submission_item WHERE student_no IN ($IN_ALL)" 1
  check "no empty list filed by the request that came second" "SELECT COUNT(*) FROM hq_submission WHERE state = 'EMPTY'" 0

  table "SELECT COUNT(*), COUNT(DISTINCT application_id), MIN(registration_no), MAX(registration_no) FROM registration"
  table "SELECT * FROM registration_sequence"
  check "a registration number for each walked student, none for anyone else" \
    "SELECT COUNT(*) = ${#ALL[@]} AND SUM(a.student_no IN ($IN_ALL)) = ${#ALL[@]} FROM registration r JOIN application a ON a.id = r.application_id" 1
  check "numbers unique and 1..n without a gap per year and level (the sequence's last value = the count)" \
    "SELECT COUNT(*) FROM (SELECT SUBSTRING(registration_no, 7, 5) AS k, COUNT(DISTINCT registration_no) AS n,
      MIN(CAST(RIGHT(registration_no, 6) AS UNSIGNED)) AS lo, MAX(CAST(RIGHT(registration_no, 6) AS UNSIGNED)) AS hi
      FROM registration GROUP BY SUBSTRING(registration_no, 7, 5)) x
      JOIN registration_sequence s ON CONCAT(s.certificate_year, s.level_digit) = x.k
      WHERE x.lo = 1 AND x.hi = x.n AND s.last_value = x.n" "$(q "SELECT COUNT(*) FROM registration_sequence WHERE last_value > 0")"
  local broken=0 i=0 r node
  for no in "${ALL[@]}"; do
    node=$([ $((i % 2)) = 0 ] && echo "$N1" || echo "$N2"); i=$((i + 1))
    r=$(get demo "$node" "/api/applications/$BATCH/$no")
    grep -q '"trailIntact":true' <<<"$r" && grep -q '"state":"GRADUATED"' <<<"$r" && grep -q '"registrationNo":"511618' <<<"$r" || broken=$((broken + 1))
  done 2>/dev/null
  [ $broken = 0 ] && ok "GET /api/applications on both nodes: all GRADUATED with a number, every trail intact" || bad "$broken cases not as expected over /api"
  check "GradFlow's background jobs: none stuck" "SELECT COUNT(*) FROM bulk_job WHERE state IN ('QUEUED','RUNNING')" 0

  # the dashboard's summary (V74–V76): both nodes' writers added deltas by trigger and either node folded them; what
  # the tables say minus totals and deltas must be nothing (cases.DashboardSummary's COUNT_DRIFT and DAY_DRIFT).
  # Shown: the batch's cases per state, summary and tables side by side (NOT_APPLIED is kept per centre, left out)
  table "SELECT x.state, SUM(x.n) AS summary, (SELECT COUNT(*) FROM application a WHERE a.batch_code = '$BATCH' AND a.state = x.state) AS tables
    FROM (SELECT state, n FROM dashboard_count WHERE batch_code = '$BATCH' UNION ALL
      SELECT state, n FROM dashboard_count_delta WHERE batch_code = '$BATCH') x
    WHERE x.state <> 'NOT_APPLIED' GROUP BY x.state HAVING SUM(x.n) <> 0"
  check "the dashboard's summary equals the tables: counts per batch, centre and state" "SELECT COUNT(*) FROM (
    SELECT x.batch_code, x.centre, x.state FROM (
      SELECT '*' AS batch_code, unit_code AS centre, 'NOT_APPLIED' AS state, COUNT(*) AS n FROM student WHERE status = 'ENROLLED' GROUP BY unit_code
      UNION ALL SELECT a.batch_code, s.unit_code, a.state, COUNT(*) FROM application a JOIN student s ON s.student_no = a.student_no
        GROUP BY a.batch_code, s.unit_code, a.state
      UNION ALL SELECT a.batch_code, s.unit_code, 'NOT_APPLIED', -COUNT(*) FROM application a JOIN student s ON s.student_no = a.student_no
        WHERE s.status = 'ENROLLED' GROUP BY a.batch_code, s.unit_code
      UNION ALL SELECT batch_code, centre, state, -n FROM dashboard_count
      UNION ALL SELECT batch_code, centre, state, -n FROM dashboard_count_delta
    ) x GROUP BY x.batch_code, x.centre, x.state HAVING SUM(x.n) <> 0) d" 0
  check "the dashboard's summary equals the tables: the trend per batch, centre, day and decision" "SELECT COUNT(*) FROM (
    SELECT x.batch_code, x.centre, x.decided_on, x.decision FROM (
      SELECT a.batch_code AS batch_code, s.unit_code AS centre, CAST(d.decided_at AS DATE) AS decided_on, d.decision AS decision, COUNT(*) AS n
        FROM decision_log d JOIN application a ON a.id = d.application_id JOIN student s ON s.student_no = a.student_no
        WHERE d.decision IN ('APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT') GROUP BY a.batch_code, s.unit_code, CAST(d.decided_at AS DATE), d.decision
      UNION ALL SELECT batch_code, centre, decided_on, decision, -n FROM dashboard_day
      UNION ALL SELECT batch_code, centre, decided_on, decision, -n FROM dashboard_day_delta
    ) x GROUP BY x.batch_code, x.centre, x.decided_on, x.decision HAVING SUM(x.n) <> 0) d" 0
}

stop() {
  say "stop the two nodes"
  for f in target/node1.pid target/node2.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null && echo "  stopped $(cat "$f")"
    rm -f "$f"
  done
}

case "${1:-all}" in
  start) start ;;
  batch) batch "${2:-starts}" ;;
  timers) timers ;;
  count) count ;;
  stop) stop ;;
  all) start && batch && timers; count; stop ;;
  *) echo "usage: $0 start|batch|timers|count|stop|all"; exit 2 ;;
esac
[ $FAILED = 0 ] && echo "walk: all OK" || { echo "walk: something is off (FAIL above)"; exit 1; }
