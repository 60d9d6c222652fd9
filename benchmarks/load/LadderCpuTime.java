import io.localtrust.benchmarks.LadderBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * LadderBenchmark's four methods interleaved, each measured in CPU time of the measuring thread
 * (one CPU-second per method per round), so that the other builds on a shared machine shift all
 * four alike: the ratios are the point. Run by ladder-cpu.sh with the benchmarks jar on the class path.
 */
public class LadderCpuTime {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        LadderBenchmark b = new LadderBenchmark();
        b.setup();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] names = {"ladderCold", "jdkCold", "ladderCached", "jdkCached"};
        for (int round = 1; round <= rounds; round++) {
            long[] n = new long[4];
            for (int m = 0; m < 4; m++) {
                long start = mx.getCurrentThreadCpuTime();
                while (mx.getCurrentThreadCpuTime() - start < 1_000_000_000L) {
                    switch (m) {
                        case 0 -> b.ladderCold();
                        case 1 -> b.jdkCertPathValidatorCold();
                        case 2 -> b.ladderCached();
                        default -> b.jdkCertPathValidatorCached();
                    }
                    n[m]++;
                }
            }
            System.out.printf("round %2d  %s %d/cpu-s  %s %d/cpu-s  cold ratio %.2f  %s %d/cpu-s  %s %d/cpu-s  cached ratio %.2f%n",
                    round, names[0], n[0], names[1], n[1], (double) n[0] / n[1], names[2], n[2], names[3], n[3],
                    (double) n[2] / n[3]);
        }
    }
}
