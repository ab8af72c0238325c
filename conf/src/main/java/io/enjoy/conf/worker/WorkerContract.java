package io.enjoy.conf.worker;

/**
 * What the hub and spawner promise the worker, and what the worker promises back. The
 * JupyterHub variable names are kept so that existing single-user tooling recognises them
 * (reference: hub-anchors §11).
 */
public final class WorkerContract {
  private WorkerContract() {}

  /** The path the worker serves under, e.g. {@code /user/alice/}; always ends with a slash. */
  public static final String SERVICE_PREFIX = "JUPYTERHUB_SERVICE_PREFIX";
  public static final String USER = "JUPYTERHUB_USER";
  public static final String SERVER_NAME = "JUPYTERHUB_SERVER_NAME";
  public static final String API_TOKEN = "JUPYTERHUB_API_TOKEN";
  public static final String API_URL = "JUPYTERHUB_API_URL";
  public static final String ACTIVITY_URL = "JUPYTERHUB_ACTIVITY_URL";
  public static final String BASE_URL = "JUPYTERHUB_BASE_URL";
  public static final String ACTIVITY_INTERVAL = "JUPYTERHUB_ACTIVITY_INTERVAL";
  public static final String MEM_LIMIT = "MEM_LIMIT";
  public static final String CPU_LIMIT = "CPU_LIMIT";

  /**
   * The per-server secret. The worker refuses every request that does not carry it in
   * {@link #SECRET_HEADER}, the readiness probe included; the gateway adds the header and strips
   * any copy a client sent.
   */
  public static final String SERVER_SECRET = "ENJOY_SERVER_SECRET";
  public static final String SECRET_HEADER = "X-Enjoy-Server-Secret";

  /** Interface and port the worker binds; the Docker backend uses 0.0.0.0:8888 inside the container. */
  public static final String BIND_HOST = "ENJOY_WORKER_HOST";
  public static final String PORT = "ENJOY_WORKER_PORT";
  public static final int DEFAULT_PORT = 8888;

  /** Where the Docker backend mounts the user's home directory inside the container. */
  public static final String CONTAINER_HOME = "/home/enjoy";

  /** The directory whose files the worker shows and edits (the user's home). */
  public static final String NOTEBOOK_DIR = "ENJOY_NOTEBOOK_DIR";

  /** Readiness path, relative to the service prefix. Answers 200 with JSON once the worker serves. */
  public static final String STATUS_PATH = "api/status";

  /** Main class of the worker program, the same for the Docker image and the local-process backend. */
  public static final String MAIN_CLASS = "io.enjoy.worker.WorkerMain";
}
