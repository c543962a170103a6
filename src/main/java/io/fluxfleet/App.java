package io.fluxfleet;

/** Entry point: dispatches to the Pulumi program or to an offline subcommand. */
public final class App {
    private App() {}

    public static void main(String[] args) {
        System.out.println("fluxfleet");
    }
}
