package io.segmentsascode.duckdb;

/** What a product view, add-to-cart or purchase is about; premium orders are worth the most. */
enum ProductCategory {
    PREMIUM("premium", 180),
    STANDARD("standard", 60),
    ACCESSORIES("accessories", 25),
    SALE("sale", 35);

    private final String label;
    private final double medianOrderValue;

    ProductCategory(String label, double medianOrderValue) {
        this.label = label;
        this.medianOrderValue = medianOrderValue;
    }

    String label() {
        return label;
    }

    double medianOrderValue() {
        return medianOrderValue;
    }
}
