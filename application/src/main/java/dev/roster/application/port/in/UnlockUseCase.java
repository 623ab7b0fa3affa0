package dev.roster.application.port.in;

/** Use case: the unlock link of a lock notice ends the lock of its login (proof of the mailbox). */
public interface UnlockUseCase {
    /** Uses the link up: the lock and the run of failures end; {@link UnlockInvalidException} when unknown, used or expired. */
    void unlock(String token);
}
