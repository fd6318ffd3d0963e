package cn.gradflow.roster;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Units (and students, {@link #findStudent}) read once per transaction. Starting one application walks the same four-level unit tree for its
 * readers, candidate groups, chain shape and task title: 18 look-ups of 4 units (issue 13). Kept for one
 * transaction only, so a unit changed by an import, an HQ setting or another node is seen by the next
 * transaction, and RosterWriter forgets what it changes within this one. Outside a transaction nothing is kept.
 * A student's initial audit reads the student four times (facts, chain, candidate group, task title): once now.
 */
final class UnitsOfTransaction {

    private static final Object KEY = new Object();
    private static final Object STUDENTS = new Object();

    private UnitsOfTransaction() {
    }

    static Optional<Unit> find(String code, Function<String, Optional<Unit>> read) {
        return find(KEY, code, read);
    }

    static Optional<Student> findStudent(String studentNo, Function<String, Optional<Student>> read) {
        return find(STUDENTS, studentNo, read);
    }

    private static <T> Optional<T> find(Object kind, String code, Function<String, Optional<T>> read) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return read.apply(code);
        }
        @SuppressWarnings("unchecked")
        Map<String, Optional<T>> seen = (Map<String, Optional<T>>) TransactionSynchronizationManager.getResource(kind);
        if (seen == null) {
            seen = new HashMap<>();
            TransactionSynchronizationManager.bindResource(kind, seen);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(kind);
                }
            });
        }
        Optional<T> found = seen.get(code);
        if (found == null) {
            found = read.apply(code);
            seen.put(code, found);
        }
        return found;
    }

    /** A unit read along with another (its ancestors, {@code RosterRepository.path}): kept like one read on its own. */
    static void remember(Unit unit) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            find(KEY, unit.code(), code -> Optional.of(unit));
        }
    }

    /** After a write to the unit table: this transaction reads units afresh. */
    static void forget() {
        clear(KEY);
    }

    /** After a write to the student table: this transaction reads students afresh. */
    static void forgetStudents() {
        clear(STUDENTS);
    }

    private static void clear(Object kind) {
        Object seen = TransactionSynchronizationManager.getResource(kind);
        if (seen instanceof Map<?, ?> map) {
            map.clear();
        }
    }
}
