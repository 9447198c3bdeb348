package io.latchkey.passwords;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's hash limit: the CPU time of one Argon2id hash with the service's parameters (the same code the
 * service runs), and so the most logins per second the machine's cores can verify.
 * Usage: HashCost [memoryKib iterations parallelism [hashes]], defaults 19456 2 1 and 60.
 */
public final class HashCost {

    private HashCost() {
    }

    public static void main(String[] args) {
        int memory = args.length > 0 ? Integer.parseInt(args[0]) : 19456;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int hashes = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        Argon2id argon2 = new Argon2id(memory, iterations, parallelism);
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        // Enough for the JIT to compile the hash as the long-running server has it compiled.
        for (int i = 0; i < 150; i++) {
            argon2.hash(password);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < hashes; i++) {
            argon2.hash(password);
        }
        double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / hashes;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("RESULT hash_cpu_ms=%.2f cores=%d hash_limit_per_s=%.1f (Argon2id m=%d t=%d p=%d, %d hashes)%n",
                cpuMillis, cores, cores * 1000 / cpuMillis, memory, iterations, parallelism, hashes);
    }
}
