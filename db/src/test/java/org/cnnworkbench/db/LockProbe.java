package org.cnnworkbench.db;

/**
 * Run in a child JVM by {@link H2DatabaseTest}: tries to open the database at {@code args[0]}
 * and prints what happened, so the test can see what a second workbench process would see.
 */
public final class LockProbe {

    private LockProbe() {
    }

    public static void main(String[] args) {
        try (H2Database ignored = H2Database.open(args[0], "sa", "")) {
            System.out.println("OPENED");
            System.exit(3);
        } catch (DatabaseInUseException e) {
            System.out.println("IN_USE " + e.getMessage());
            System.out.println("FILE " + e.lockedFile());
            System.exit(0);
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
