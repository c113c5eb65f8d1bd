package io.segmentsascode.duckdb;

/**
 * Readable ids with a prefix and a zero-padded number ({@code u000001}, {@code s000000001}).
 * Hand-rolled padding: String.format is too slow for millions of rows.
 */
record IdFormat(String prefix, int width) {

    static IdFormat users(int users) {
        return new IdFormat("u", Math.max(6, Integer.toString(users).length()));
    }

    static IdFormat sessions() {
        return new IdFormat("s", 9);
    }

    String format(long number) {
        String digits = Long.toString(number);
        StringBuilder id = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int pad = width - digits.length(); pad > 0; pad--) {
            id.append('0');
        }
        return id.append(digits).toString();
    }
}
