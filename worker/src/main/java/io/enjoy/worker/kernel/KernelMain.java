package io.enjoy.worker.kernel;

/** Entry point of a kernel JVM (placeholder until the kernel lands). */
public final class KernelMain {
  private KernelMain() {}

  public static void main(String[] args) {
    System.out.println("enjoy kernel");
  }
}
