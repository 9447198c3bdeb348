#!/usr/bin/env python3
"""The CPU of a profile by layer: each sample goes to the layer of its innermost frame that belongs to one (a JDK
method counts for whoever called it), scaled to the server's CPU microseconds per request.
Usage: layers.py PROFILE.collapsed SERVER_CPU_US_PER_REQUEST"""
import sys

# Innermost match wins; the order here only settles a frame that two prefixes would claim.
LAYERS = [
    ("Latchkey", ("io.latchkey.",)),
    ("JDBC, PostgreSQL driver, pool", ("org.postgresql.", "com.sun.gjc.", "com.sun.enterprise.resource.",
                                       "com.sun.enterprise.connectors.")),
    ("JPA (EclipseLink)", ("org.eclipse.persistence.",)),
    ("MP-JWT, Jakarta Authentication, JACC", ("fish.payara.microprofile.jwtauth.", "org.glassfish.soteria.",
                                              "org.eclipse.microprofile.jwt.",
                                              "com.sun.enterprise.security.", "org.glassfish.security.",
                                              "com.nimbusds.", "fish.payara.security.", "org.glassfish.exousia.",
                                              "org.omnifaces.", "jakarta.security.", "com.sun.jaspic.",
                                              "com.sun.web.security.", "org.glassfish.epicyro.")),
    ("CDI, EJB, transactions", ("org.jboss.weld.", "com.sun.ejb.", "org.glassfish.ejb.", "org.glassfish.weld.",
                                "com.sun.enterprise.container.", "com.sun.enterprise.transaction.",
                                "com.sun.jts.", "org.glassfish.jts.", "com.sun.enterprise.deployment.")),
    ("JAX-RS (Jersey, HK2)", ("org.glassfish.jersey.", "jakarta.ws.rs.", "org.glassfish.hk2.", "org.jvnet.hk2.")),
    ("JSON (Yasson, Parsson)", ("org.eclipse.yasson.", "org.eclipse.parsson.", "org.glassfish.json.")),
    ("MicroProfile Metrics, Telemetry, tracing", ("fish.payara.microprofile.", "io.smallrye.",
                                                 "fish.payara.nucleus.", "io.opentelemetry.",
                                                 "org.eclipse.microprofile.")),
    ("HTTP (Grizzly, servlet container)", ("org.glassfish.grizzly.", "org.apache.catalina.", "org.apache.coyote.",
                                           "com.sun.enterprise.web.", "org.glassfish.web.", "jakarta.servlet.",
                                           "org.glassfish.internal.", "com.sun.enterprise.v3.")),
]
JVM = "JVM (GC, compiler, runtime)"
OTHER = "other (JDK, Payara)"


# Whole-stack kinds first: the two costs a sign-in pays on purpose, whoever's code runs them.
PURPOSES = [("Argon2id hash (Latchkey)", "io.latchkey.passwords."),
            ("RS256 signature of tokens (Latchkey)", "io.latchkey.tokens.boundary.AccessTokens.sign")]


def layer(stack):
    frames = [f.replace("/", ".") for f in stack.split(";")]
    for name, marker in PURPOSES:
        if any(f.startswith(marker) for f in frames):
            return name
    for frame in reversed(frames):
        for name, prefixes in LAYERS:
            if frame.startswith(prefixes):
                return name
    if not any("." in f and not f.startswith("[") for f in frames) or any(
            key in stack for key in ("GCTaskThread", "VMThread", "CompileBroker", "G1", "Serial", "_[j]")):
        return JVM
    return OTHER


totals, samples = {}, 0
with open(sys.argv[1]) as profile:
    for line in profile:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        totals[layer(stack)] = totals.get(layer(stack), 0) + int(count)
        samples += int(count)
per_request = float(sys.argv[2])
for name, count in sorted(totals.items(), key=lambda item: -item[1]):
    print(f"  {name:<40} {100 * count / samples:5.1f} %  {per_request * count / samples:7.0f} us/request")
