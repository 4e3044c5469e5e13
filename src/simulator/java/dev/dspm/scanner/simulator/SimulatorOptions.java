package dev.dspm.scanner.simulator;

/**
 * Command line of {@link SimulatorMain}: {@code --shares=N --seed=S --port=P [--rate-limit=R]
 * [--burst=B] [--shed-429-every=N] [--shed-503-every=M] [--ignore-stdin]}. A rate limit of 0 means none; the burst
 * defaults to one second's worth. The shed options answer every N-th request 429 and every M-th 503 whatever the
 * rate ({@link Faults#shedLoad}); 0, the default, sheds none.
 */
record SimulatorOptions(int shares, long seed, int port, double rateLimit, int burst, int shed429Every,
                        int shed503Every, boolean ignoreStdin) {

    static SimulatorOptions parse(String... args) {
        int shares = 10_000;
        long seed = 42;
        int port = 0;
        double rateLimit = 0;
        Integer burst = null;
        int shed429Every = 0;
        int shed503Every = 0;
        boolean ignoreStdin = false;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals < 0 ? "" : arg.substring(equals + 1);
            try {
                switch (name) {
                    case "--shares" -> shares = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--port" -> port = Integer.parseInt(value);
                    case "--rate-limit" -> rateLimit = Double.parseDouble(value);
                    case "--burst" -> burst = Integer.parseInt(value);
                    case "--shed-429-every" -> shed429Every = Integer.parseInt(value);
                    case "--shed-503-every" -> shed503Every = Integer.parseInt(value);
                    case "--ignore-stdin" -> ignoreStdin = true;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number in " + arg);
            }
        }
        if (shares < 0 || port < 0 || port > 65_535 || rateLimit < 0 || (burst != null && burst < 1)
                || shed429Every < 0 || shed503Every < 0) {
            throw new IllegalArgumentException("need --shares >= 0, --port in 0..65535, --rate-limit >= 0, --burst >= 1,"
                    + " --shed-429-every >= 0, --shed-503-every >= 0");
        }
        int effectiveBurst = burst != null ? burst : (int) Math.max(1, Math.ceil(rateLimit));
        return new SimulatorOptions(shares, seed, port, rateLimit, effectiveBurst, shed429Every, shed503Every,
                ignoreStdin);
    }
}
