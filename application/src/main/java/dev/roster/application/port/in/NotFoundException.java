package dev.roster.application.port.in;

/** Something does not exist, or the caller may not know that it does (an account they are not a member of). */
public final class NotFoundException extends UseCaseException {
    public NotFoundException(String what) {
        super(what + " not found.");
    }
}
