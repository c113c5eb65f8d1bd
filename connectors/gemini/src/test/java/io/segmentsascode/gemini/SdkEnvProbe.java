package io.segmentsascode.gemini;

import com.google.genai.Client;

/**
 * Run in a child JVM by {@link SdkPrecedenceTest}: lets google-genai pick credentials from the real
 * process environment ({@code new Client()}) and sends one request, so the fake sees what the SDK chose.
 */
public final class SdkEnvProbe {

    private SdkEnvProbe() {}

    public static void main(String[] args) {
        try (Client client = new Client()) {
            String text = client.models
                    .generateContent("gemini-2.5-flash", "probe", null)
                    .text();
            System.out.println("OK vertexAI=" + client.vertexAI() + " text=" + text);
        } catch (RuntimeException e) {
            System.out.println("FAIL " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
