package dev.roster.application.port.in;

/** Use case: delete single sign-on flows and one-time codes past their lifetime (issue 19); how many. */
public interface PurgeExpiredSsoStateUseCase {
    int purgeExpired();
}
