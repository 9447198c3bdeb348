package io.latchkey.tokens.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's signing limit: the CPU time of one RS256 access token signature with the service's key size and
 * provider (the same code the service runs), and so the most refreshes per second the machine's cores can sign.
 * Usage: SignCost [native (true) [signatures (2000)]].
 */
public final class SignCost {

    private SignCost() {
    }

    public static void main(String[] args) throws Exception {
        boolean allowNative = args.length <= 0 || Boolean.parseBoolean(args[0]);
        int signatures = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        RSAKey key = new RSAKeyGenerator(2048).generate();
        RSASSASigner signer = RsaSigning.signer(key, allowNative);
        JWSHeader header = new JWSHeader(JWSAlgorithm.RS256);
        // An access token's signing input is about 400 bytes.
        byte[] input = "x".repeat(400).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < signatures; i++) {
            signer.sign(header, input);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < signatures; i++) {
            signer.sign(header, input);
        }
        double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / signatures;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("RESULT sign_cpu_ms=%.3f cores=%d sign_limit_per_s=%.0f (RS256, RSA-2048, %s, %d signatures)%n",
                cpuMillis, cores, cores * 1000 / cpuMillis, RsaSigning.providerName(allowNative), signatures);
    }
}
