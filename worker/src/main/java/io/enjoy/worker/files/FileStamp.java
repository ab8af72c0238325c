package io.enjoy.worker.files;

/** What the worker remembers about a file it read or wrote, to notice a change made by someone else. */
public record FileStamp(long modifiedMillis, long size) {
  /** The stamp of a file that does not exist yet. */
  public static final FileStamp ABSENT = new FileStamp(-1, -1);
}
