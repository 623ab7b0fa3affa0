package dev.roster.adapters.scim;

import com.unboundid.scim2.common.exceptions.ScimException;

/**
 * A refusal the SCIM endpoint answers as a SCIM error (RFC 7644 §3.12): an HTTP status, the optional
 * {@code scimType} and a detail meant for the identity provider's admin.
 */
public final class ScimFault extends RuntimeException {
    private final int status;
    private final String scimType;

    public ScimFault(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimFault invalidValue(String detail) {
        return new ScimFault(400, "invalidValue", detail);
    }

    public static ScimFault invalidSyntax(String detail) {
        return new ScimFault(400, "invalidSyntax", detail);
    }

    public static ScimFault mutability(String detail) {
        return new ScimFault(400, "mutability", detail);
    }

    /** The SDK's own refusal (a filter or path it cannot parse, a patch it cannot apply). */
    public static ScimFault of(ScimException e) {
        Integer status = e.getScimError().getStatus();
        return new ScimFault(status == null ? 400 : status, e.getScimError().getScimType(), e.getScimError().getDetail());
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }
}
