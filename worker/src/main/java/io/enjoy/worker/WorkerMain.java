package io.enjoy.worker;

/** Entry point of the worker program (placeholder until the server lands). */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    System.out.println("enjoy worker");
  }
}
