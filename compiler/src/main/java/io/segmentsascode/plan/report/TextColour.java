package io.segmentsascode.plan.report;

/** Text drawn on a coloured fill (label shares, heat map cells) stays readable whatever the colour. */
final class TextColour {

    private TextColour() {}

    /** Class for white or near-black text, whichever reads better on the given #rrggbb background. */
    static String on(String hex) {
        double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
        double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
        double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
        double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double onWhite = 1.05 / (luminance + 0.05);
        double onDark = (luminance + 0.05) / 0.066;
        return onWhite >= onDark ? "on-dark" : "on-light";
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
