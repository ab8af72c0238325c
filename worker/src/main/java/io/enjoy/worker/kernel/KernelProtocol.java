package io.enjoy.worker.kernel;

/**
 * The server ⇄ kernel protocol: JSON objects, one per line, over a loopback TCP connection that
 * the kernel opens to the server (the server listens on 127.0.0.1, a random port, for one
 * connection; the first line must carry the one-time token). Modelled on the Jupyter messaging
 * spec so outputs map one-to-one onto nbformat outputs.
 *
 * <pre>
 * server → kernel
 *   {"type":"execute","id":REQ,"cellId":ID,"code":SRC}    run a cell (the kernel runs them one at a time)
 *   {"type":"interrupt","id":REQ}                         stop REQ (JShell.stop() if running, else when it starts)
 *   {"type":"complete","id":REQ,"code":SRC,"cursor":N}    completions (sent only while idle)
 *   {"type":"shutdown"}                                   exit now
 * kernel → server
 *   {"type":"hello","token":T}                            first line, authenticates the connection
 *   {"type":"ready","java":VERSION}                       imports done, warmed up: idle
 *   {"type":"stream","id":REQ,"name":"stdout|stderr","text":S}
 *   {"type":"display_data","id":REQ,"data":{mime:S}}
 *   {"type":"execute_result","id":REQ,"executionCount":N,"data":{mime:S}}
 *   {"type":"error","id":REQ,"ename":S,"evalue":S,"traceback":[S]}
 *   {"type":"execute_reply","id":REQ,"status":"ok|error","executionCount":N,"heapUsed":B,"heapMax":B}  last for REQ
 *   {"type":"complete_reply","id":REQ,"matches":[S],"start":N,"end":N}  replace code[start,end) by a match
 * </pre>
 */
public final class KernelProtocol {
  private KernelProtocol() {}

  public static final String ENV_PORT = "ENJOY_KERNEL_PORT";
  public static final String ENV_TOKEN = "ENJOY_KERNEL_TOKEN";
  /** Bytes of stream output kept per cell before the rest is dropped with a notice (default 1 MiB). */
  public static final String ENV_OUTPUT_LIMIT = "ENJOY_KERNEL_OUTPUT_LIMIT";
  public static final String MAIN_CLASS = "io.enjoy.worker.kernel.KernelMain";
}
