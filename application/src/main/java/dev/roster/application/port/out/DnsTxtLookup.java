package dev.roster.application.port.out;

import java.util.List;

/** Outgoing port for the DNS TXT records of a domain (domain verification of single sign-on, issue 19); empty when none or unreachable. */
public interface DnsTxtLookup {
    List<String> txt(String domain);
}
