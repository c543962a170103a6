package io.fluxfleet.health;

/**
 * One line of {@code fluxfleet verify}: what was checked, on which object, and the verdict.
 *
 * @param check  what kind of check: {@code exists}, {@code spec}, {@code labels}, {@code ready}, {@code freeze},
 *               {@code placement}
 * @param object {@code Kind namespace/name} (or {@code Kind name} for a cluster-scoped object)
 * @param status the verdict
 * @param detail why, in the words of the object's own status where there is one
 */
public record Finding(String check, String object, Status status, String detail) {
    /** OK passes; FAIL (unhealthy or missing) and DRIFT (differs from the render) make verify exit non-zero. */
    public enum Status { OK, FAIL, DRIFT }

    public boolean failed() {
        return status != Status.OK;
    }
}
