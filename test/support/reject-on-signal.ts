// Loaded before src/main.ts in a test: SIGUSR2 makes the process reject a promise nobody
// handles, carrying text that must never reach the logs.
process.on("SIGUSR2", () => {
  void Promise.reject(new Error("Olena's secret ad text +40 700 000 000"));
});
