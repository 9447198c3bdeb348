package io.latchkey.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP ports a process listens on, read from Linux's /proc (what {@code ss -ltnp} shows): the listening sockets
 * of /proc/net/tcp and tcp6 and the socket inodes among the process's file descriptors.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Every port the process that listens on {@code port} listens on. */
    public static Set<Integer> ofProcessListeningOn(int port) {
        Map<String, Integer> listening = listeningInodes();
        String inode = listening.entrySet().stream().filter(e -> e.getValue() == port).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalStateException("nothing listens on " + port));
        Path process = processHolding(inode);
        Set<Integer> ports = new TreeSet<>();
        for (String held : socketInodes(process)) {
            if (listening.containsKey(held)) {
                ports.add(listening.get(held));
            }
        }
        return ports;
    }

    /** The local addresses on which anything listens on {@code port}: the wildcard address for every interface. */
    public static Set<InetAddress> addressesListeningOn(int port) {
        Set<InetAddress> addresses = new HashSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String[] fields : rows(table)) {
                String local = fields[1];
                int colon = local.lastIndexOf(':');
                if (LISTEN.equals(fields[3]) && Integer.parseInt(local.substring(colon + 1), 16) == port) {
                    addresses.add(address(local.substring(0, colon)));
                }
            }
        }
        return addresses;
    }

    /** An address as /proc writes it: hexadecimal, each 32-bit word in the host's (little-endian) byte order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = (byte) Integer.parseInt(hex.substring(2 * (word + 3 - i), 2 * (word + 3 - i) + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(hex, e);
        }
    }

    private static List<String[]> rows(String table) {
        try {
            List<String> lines = Files.readAllLines(Path.of(table));
            return lines.subList(1, lines.size()).stream().map(line -> line.trim().split("\\s+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> listeningInodes() {
        Map<String, Integer> ports = new HashMap<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                var lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    if (LISTEN.equals(fields[3])) {
                        String local = fields[1];
                        ports.put(fields[9], Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ports;
    }

    private static Path processHolding(String inode) {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (socketInodes(process).contains(inode)) {
                    return process;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no process holds socket " + inode);
    }

    private static Set<String> socketInodes(Path process) {
        Set<String> inodes = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while we looked
                }
            }
        } catch (IOException | SecurityException gone) {
            // the process ended, or is not ours to read
        }
        return inodes;
    }
}
