package org.jdblink.conninfo;

import java.util.EnumSet;
import java.util.Set;

/**
 * libpq's require_auth (16 and later): which authentication requests the client answers
 * and whether the server must authenticate it at all. A comma-separated list of methods,
 * all plain (only these are allowed) or all negated with {@code !} (all but these);
 * {@code none} stands for a server that asks for nothing (trust). A security demand: a
 * value libpq refuses is refused with libpq's text, and a request outside the set ends
 * the connection ({@code org.jdblink.protocol} enforces it).
 *
 * <p>Like libpq, the set is kept per kind of authentication request; libpq 18 also keeps
 * the SASL mechanisms apart (scram-sha-256, oauth), so that a negated SCRAM leaves the
 * server's SASL request allowed and refuses the mechanism chosen from it instead.
 */
public final class RequireAuth {
    /** The kinds of authentication request the server sends (AuthenticationXXX). */
    public enum Request { PASSWORD, MD5, GSS, GSS_CONTINUE, SSPI, SASL, SASL_CONTINUE, SASL_FINAL }

    /** The SASL mechanisms require_auth names in libpq 18. */
    public enum Mechanism { SCRAM_SHA_256, OAUTH }

    private static final Set<Request> SASL_REQUESTS = EnumSet.of(Request.SASL, Request.SASL_CONTINUE, Request.SASL_FINAL);

    /** The option is not set: nothing is checked. */
    public static final RequireAuth UNSET = new RequireAuth(null, false, EnumSet.allOf(Request.class), null);

    private final String text;
    private final boolean authenticationRequired;
    private final Set<Request> allowed;
    /** libpq 18's allowed SASL mechanisms; null before 18, where SCRAM is the SASL requests themselves. */
    private final Set<Mechanism> mechanisms;

    private RequireAuth(String text, boolean authenticationRequired, Set<Request> allowed, Set<Mechanism> mechanisms) {
        this.text = text;
        this.authenticationRequired = authenticationRequired;
        this.allowed = allowed;
        this.mechanisms = mechanisms;
    }

    /**
     * connectOptions2's reading of the value ({@code null}: the option is not set). An
     * empty value parses to nothing allowed and no authentication required, yet it is set:
     * libpq then refuses every request the server makes, as here.
     */
    public static RequireAuth parse(String value, HostVersion libpq) throws ConnInfoException {
        if (value == null) {
            return UNSET;
        }
        boolean tracksMechanisms = libpq.atLeast(18);
        if (value.isEmpty()) {
            return new RequireAuth(value, false, EnumSet.noneOf(Request.class),
                    tracksMechanisms ? EnumSet.noneOf(Mechanism.class) : null);
        }
        return new Parse(value, tracksMechanisms).run();
    }

    /** The value as given, for libpq's failure texts; null when the option is not set. */
    public String text() {
        return text;
    }

    /** Whether the option is set (even to an empty value): then requests are checked. */
    public boolean isSet() {
        return text != null;
    }

    /** Whether AuthenticationOk must come after an exchange the client finished ({@code none} not allowed). */
    public boolean requiresAuthentication() {
        return authenticationRequired;
    }

    public boolean allows(Request request) {
        return allowed.contains(request);
    }

    /** Whether the SASL mechanism chosen may be used (always before libpq 18, where requests decide). */
    public boolean allows(Mechanism mechanism) {
        return mechanisms == null || mechanisms.contains(mechanism);
    }

    /** The list, element by element, as connectOptions2 walks it. */
    private static final class Parse {
        private final String value;
        private final boolean tracksMechanisms;
        private boolean negated;
        private boolean authenticationRequired = true;
        private Set<Request> allowed = EnumSet.noneOf(Request.class);
        private Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);

        Parse(String value, boolean tracksMechanisms) {
            this.value = value;
            this.tracksMechanisms = tracksMechanisms;
        }

        RequireAuth run() throws ConnInfoException {
            String[] parts = value.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                element(parts[i], i == 0);
            }
            if (tracksMechanisms) {
                // a SASL request is answered if (and only if) some mechanism may be used
                if (!negated && !mechanisms.isEmpty()) {
                    allowed.addAll(SASL_REQUESTS);
                } else if (negated && mechanisms.isEmpty()) {
                    allowed.removeAll(SASL_REQUESTS);
                }
            }
            return new RequireAuth(value, authenticationRequired, allowed, tracksMechanisms ? mechanisms : null);
        }

        private void element(String part, boolean first) throws ConnInfoException {
            String method = part;
            if (method.startsWith("!")) {
                if (first) {
                    // the permissive set, to take methods away from
                    authenticationRequired = false;
                    allowed = EnumSet.allOf(Request.class);
                    mechanisms = EnumSet.allOf(Mechanism.class);
                } else if (!negated) {
                    throw new ConnInfoException("negative require_auth method \"" + method
                            + "\" cannot be mixed with non-negative methods");
                }
                negated = true;
                method = method.substring(1);
            } else if (negated) {
                throw new ConnInfoException("require_auth method \"" + method + "\" cannot be mixed with negative methods");
            }
            switch (method) {
                case "password" -> update(part, EnumSet.of(Request.PASSWORD));
                case "md5" -> update(part, EnumSet.of(Request.MD5));
                case "gss" -> update(part, EnumSet.of(Request.GSS, Request.GSS_CONTINUE));
                case "sspi" -> update(part, EnumSet.of(Request.SSPI, Request.GSS_CONTINUE));
                case "scram-sha-256" -> {
                    if (tracksMechanisms) {
                        update(part, Mechanism.SCRAM_SHA_256);
                    } else {
                        update(part, SASL_REQUESTS);
                    }
                }
                case "oauth" -> {
                    if (!tracksMechanisms) {
                        throw invalid(method);
                    }
                    update(part, Mechanism.OAUTH);
                }
                case "none" -> {
                    // "none" allows (and "!none" forbids) a server that asks for nothing
                    if (authenticationRequired == negated) {
                        throw duplicate(part);
                    }
                    authenticationRequired = negated;
                }
                default -> throw invalid(method);
            }
        }

        private void update(String part, Set<Request> requests) throws ConnInfoException {
            if (negated ? !containsAny(allowed, requests) : allowed.containsAll(requests)) {
                throw duplicate(part);
            }
            if (negated) {
                allowed.removeAll(requests);
            } else {
                allowed.addAll(requests);
            }
        }

        private void update(String part, Mechanism mechanism) throws ConnInfoException {
            if (mechanisms.contains(mechanism) != negated) {
                throw duplicate(part);
            }
            if (negated) {
                mechanisms.remove(mechanism);
            } else {
                mechanisms.add(mechanism);
            }
        }

        private static boolean containsAny(Set<Request> set, Set<Request> requests) {
            for (Request r : requests) {
                if (set.contains(r)) {
                    return true;
                }
            }
            return false;
        }

        private static ConnInfoException invalid(String method) {
            return new ConnInfoException("invalid require_auth value: \"" + method + "\"");
        }

        /** A method given twice is refused: a typo in a setting where typos are risky. */
        private static ConnInfoException duplicate(String part) {
            return new ConnInfoException("require_auth method \"" + part + "\" is specified more than once");
        }
    }
}
