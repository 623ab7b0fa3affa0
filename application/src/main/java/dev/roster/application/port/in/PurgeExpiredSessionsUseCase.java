package dev.roster.application.port.in;

/** Use case: delete the login sessions that can no longer be used (past their absolute expiry or idle timeout). */
public interface PurgeExpiredSessionsUseCase {
    /** Returns how many sessions were deleted. */
    int purgeExpired();
}
