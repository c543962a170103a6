package io.fluxfleet.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The Pod Security Standards' controls as a table, one row per control with its level and its source
 * (kubernetes.io/docs/concepts/security/pod-security-standards, "Baseline" and "Restricted" tables, policy version
 * 1.30; the same checks as kubernetes {@code staging/src/k8s.io/pod-security-admission/policy/check_*.go}). A pod
 * spec violates a level when a control of that level (or, for restricted, of baseline) fails.
 */
final class PodSecurityStandards {
    /** A control: its name, level, and the check that returns the violations it finds in a pod spec. */
    record Control(String name, String level, String source,
                   BiFunction<Map<String, Object>, List<Map<String, Object>>, Boolean> violated) {}

    /** Baseline's allowed added capabilities (check_capabilities_baseline.go). */
    static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    /** Baseline's safe sysctls as of 1.30 (check_sysctls.go). */
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    /** Restricted's allowed volume types (check_restrictedVolumes.go). */
    static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    static final List<Control> CONTROLS = List.of(
            new Control("HostProcess", "baseline", "check_windowsHostProcess.go",
                    (pod, cs) -> isTrue(at(pod, "securityContext", "windowsOptions", "hostProcess"))
                            || cs.stream().anyMatch(c -> isTrue(at(c, "securityContext", "windowsOptions", "hostProcess")))),
            new Control("Host Namespaces", "baseline", "check_hostNamespaces.go",
                    (pod, cs) -> isTrue(pod.get("hostNetwork")) || isTrue(pod.get("hostPID")) || isTrue(pod.get("hostIPC"))),
            new Control("Privileged Containers", "baseline", "check_privileged.go",
                    (pod, cs) -> cs.stream().anyMatch(c -> isTrue(at(c, "securityContext", "privileged")))),
            new Control("Capabilities", "baseline", "check_capabilities_baseline.go",
                    (pod, cs) -> cs.stream().anyMatch(c -> strings(at(c, "securityContext", "capabilities", "add")).stream()
                            .anyMatch(a -> !BASELINE_CAPABILITIES.contains(a)))),
            new Control("HostPath Volumes", "baseline", "check_hostPathVolumes.go",
                    (pod, cs) -> maps(pod.get("volumes")).stream().anyMatch(v -> v.containsKey("hostPath"))),
            new Control("Host Ports", "baseline", "check_hostPorts.go",
                    (pod, cs) -> cs.stream().anyMatch(c -> maps(c.get("ports")).stream()
                            .anyMatch(p -> p.get("hostPort") instanceof Number n && n.intValue() != 0))),
            new Control("/proc Mount Type", "baseline", "check_procMount.go",
                    (pod, cs) -> cs.stream().anyMatch(c -> {
                        Object mount = at(c, "securityContext", "procMount");
                        return mount != null && !"Default".equals(mount);
                    })),
            new Control("Seccomp (baseline)", "baseline", "check_seccompProfile_baseline.go",
                    (pod, cs) -> "Unconfined".equals(at(pod, "securityContext", "seccompProfile", "type"))
                            || cs.stream().anyMatch(c -> "Unconfined".equals(at(c, "securityContext", "seccompProfile", "type")))),
            new Control("Sysctls", "baseline", "check_sysctls.go",
                    (pod, cs) -> maps(at(pod, "securityContext", "sysctls")).stream()
                            .anyMatch(s -> !SAFE_SYSCTLS.contains(s.get("name")))),
            new Control("Volume Types", "restricted", "check_restrictedVolumes.go",
                    (pod, cs) -> maps(pod.get("volumes")).stream().anyMatch(v -> v.keySet().stream()
                            .filter(k -> !k.equals("name")).anyMatch(k -> !RESTRICTED_VOLUMES.contains(k)))),
            new Control("Privilege Escalation", "restricted", "check_allowPrivilegeEscalation.go",
                    (pod, cs) -> cs.stream().anyMatch(c -> !Boolean.FALSE.equals(at(c, "securityContext", "allowPrivilegeEscalation")))),
            new Control("Running as Non-root", "restricted", "check_runAsNonRoot.go",
                    (pod, cs) -> {
                        boolean podLevel = isTrue(at(pod, "securityContext", "runAsNonRoot"));
                        return cs.stream().anyMatch(c -> {
                            Object own = at(c, "securityContext", "runAsNonRoot");
                            return Boolean.FALSE.equals(own) || (own == null && !podLevel);
                        });
                    }),
            new Control("Running as Non-root user", "restricted", "check_runAsUser.go",
                    (pod, cs) -> Integer.valueOf(0).equals(at(pod, "securityContext", "runAsUser"))
                            || cs.stream().anyMatch(c -> Integer.valueOf(0).equals(at(c, "securityContext", "runAsUser")))),
            new Control("Seccomp (restricted)", "restricted", "check_seccompProfile_restricted.go",
                    (pod, cs) -> {
                        Object podType = at(pod, "securityContext", "seccompProfile", "type");
                        return cs.stream().anyMatch(c -> {
                            Object type = at(c, "securityContext", "seccompProfile", "type");
                            Object effective = type != null ? type : podType;
                            return !("RuntimeDefault".equals(effective) || "Localhost".equals(effective));
                        });
                    }),
            new Control("Capabilities (restricted)", "restricted", "check_capabilities_restricted.go",
                    (pod, cs) -> cs.stream().anyMatch(c -> !strings(at(c, "securityContext", "capabilities", "drop")).contains("ALL")
                            || strings(at(c, "securityContext", "capabilities", "add")).stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE")))));

    private PodSecurityStandards() {}

    /** The controls a pod spec fails. */
    static List<Control> violations(Map<String, Object> podSpec) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (String key : List.of("containers", "initContainers", "ephemeralContainers")) {
            containers.addAll(maps(podSpec.get(key)));
        }
        return CONTROLS.stream().filter(c -> c.violated().apply(podSpec, containers)).toList();
    }

    /** The strictest level the pod spec meets: restricted, baseline or privileged. */
    static String level(Map<String, Object> podSpec) {
        List<Control> failed = violations(podSpec);
        if (failed.stream().anyMatch(c -> c.level().equals("baseline"))) {
            return "privileged";
        }
        return failed.isEmpty() ? "restricted" : "baseline";
    }

    /** Whether a namespace enforcing {@code enforced} admits a pod of {@code level}. */
    static boolean admits(String enforced, String level) {
        List<String> order = List.of("privileged", "baseline", "restricted");
        return order.indexOf(level) >= order.indexOf(enforced);
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
