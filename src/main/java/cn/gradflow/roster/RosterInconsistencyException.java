package cn.gradflow.roster;

/**
 * Master data that contradicts itself (a student attached to a city branch, a learning centre
 * outside every branch). Not the student's fault and not a passing failure: the roster must be fixed.
 */
public class RosterInconsistencyException extends IllegalStateException {

    public RosterInconsistencyException(String message) {
        super(message);
    }
}
