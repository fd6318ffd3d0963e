package cn.gradflow.imports;

/** The whole file is refused (corrupt, a bomb, no sheet, too many rows): the job ends FAILED with this Chinese reason. */
class ImportRefused extends cn.gradflow.jobs.JobFailure {

    ImportRefused(String message) {
        super(message);
    }

    ImportRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
