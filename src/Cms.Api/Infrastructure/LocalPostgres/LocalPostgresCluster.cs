using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Cms.Api.Infrastructure.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster run from the installed server binaries, so that <c>dotnet run</c> and
/// <c>dotnet test</c> need nothing but the binaries. The data folder survives restarts; the port is chosen
/// afresh on every start. PostgreSQL refuses to run as root, so a root process runs it as <c>postgres</c>.
/// </summary>
public sealed partial class LocalPostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "cms";
    private const string PasswordFileName = "cms-local.password";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly bool _runAsPostgres;
    private readonly bool _ownsServer;
    private int _stopped;

    private LocalPostgresCluster(string binDirectory, string dataDirectory, bool runAsPostgres, int port, string password, string database, bool ownsServer)
    {
        _binDirectory = binDirectory;
        _runAsPostgres = runAsPostgres;
        _ownsServer = ownsServer;
        DataDirectory = dataDirectory;
        Port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username={SuperUser};Password={password};Database={database}";
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString { get; }

    /// <summary>Initialises the cluster when its folder is new, then starts it (or joins one already running there).</summary>
    public static LocalPostgresCluster Start(LocalPostgresSettings settings)
    {
        var binDirectory = PostgresBinaries.Find(settings);
        var dataDirectory = Path.GetFullPath(settings.DataDirectory ?? throw new ArgumentException("DataDirectory is required.", nameof(settings)));
        var runAsPostgres = Environment.IsPrivilegedProcess;

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            Initialise(binDirectory, dataDirectory, runAsPostgres, settings.Durable, settings.ServerSettings);
        }

        var password = File.ReadAllText(Path.Combine(dataDirectory, PasswordFileName)).Trim();
        if (RunningPort(binDirectory, dataDirectory, runAsPostgres) is { } runningPort)
        {
            // Another process (or an earlier run that crashed) already serves this folder: share it, leave it running.
            return new LocalPostgresCluster(binDirectory, dataDirectory, runAsPostgres, runningPort, password, settings.Database, ownsServer: false);
        }

        var port = FreePort();
        StartServer(binDirectory, dataDirectory, runAsPostgres, port);
        var cluster = new LocalPostgresCluster(binDirectory, dataDirectory, runAsPostgres, port, password, settings.Database, ownsServer: true);
        cluster.CreateDatabase(settings.Database);
        return cluster;
    }

    /// <summary>Creates a database in this cluster unless it exists.</summary>
    public void CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (exists.ExecuteScalar() is not null)
        {
            return;
        }

        using var create = new NpgsqlCommand($"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(name)}", connection);
        create.ExecuteNonQuery();
    }

    /// <summary>The connection string for another database of this cluster.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Stops the server if this instance started it.</summary>
    public ValueTask DisposeAsync()
    {
        if (_ownsServer && Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            Stop("fast");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the server, keeping its folder: <c>fast</c> shuts down cleanly, <c>immediate</c> as a crash would.</summary>
    internal void Stop(string mode) =>
        Run(_binDirectory, _runAsPostgres, "pg_ctl", ["-D", DataDirectory, "-m", mode, "-w", "-s", "stop"], "stop the PostgreSQL server");

    /// <summary>Starts the stopped server again, on its port (the fault tests take PostgreSQL away and bring it back).</summary>
    internal void StartAgain() => StartServer(_binDirectory, DataDirectory, _runAsPostgres, Port);

    private static void StartServer(string binDirectory, string dataDirectory, bool runAsPostgres, int port) =>
        Run(binDirectory, runAsPostgres, "pg_ctl",
            ["-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "-s",
             "-o", $"-p {port.ToString(CultureInfo.InvariantCulture)}", "start"],
            "start the PostgreSQL server (see server.log in the data folder)");

    private static void Initialise(string binDirectory, string dataDirectory, bool runAsPostgres, bool durable, IReadOnlyDictionary<string, string> serverSettings)
    {
        if (serverSettings.Where(s => !SettingName().IsMatch(s.Key) || s.Value.Contains('\n') || s.Value.Contains('\r')).Select(s => s.Key).FirstOrDefault() is { } bad)
        {
            throw new ArgumentException($"The server setting '{bad}' is not a setting name with a one-line value.", nameof(serverSettings));
        }

        Directory.CreateDirectory(dataDirectory);
        if (Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new LocalPostgresUnavailableException($"'{dataDirectory}' is not empty and holds no PostgreSQL cluster; empty it or choose another Cms:LocalPostgres:DataDirectory.");
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var passwordFile = Path.Combine(Path.GetTempPath(), $"cms-pw-{Guid.NewGuid():N}");
        File.WriteAllText(passwordFile, password);
        try
        {
            if (runAsPostgres)
            {
                // initdb runs as postgres, so it must own the folder and read the password file.
                Run(null, false, "chown", ["postgres", dataDirectory, passwordFile], "hand the data folder to the postgres user");
                Run(null, false, "chmod", ["700", dataDirectory], "protect the data folder");
            }

            Run(binDirectory, runAsPostgres, "initdb",
                ["-D", dataDirectory, "-U", SuperUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                 "-E", "UTF8", "--locale=C", "--no-instructions"],
                "initialise a PostgreSQL cluster");
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# Written by Cms's local launcher: loopback only, no socket file, so it never clashes with a system server.")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine("unix_socket_directories = ''")
            .AppendLine("max_connections = 200")
            .AppendLine("shared_buffers = 256MB");
        if (!durable)
        {
            settings.AppendLine("fsync = off").AppendLine("synchronous_commit = off").AppendLine("full_page_writes = off");
        }

        foreach (var (name, value) in serverSettings)
        {
            // Every type reads a quoted value; a quote inside is doubled.
            settings.AppendLine(CultureInfo.InvariantCulture, $"{name} = '{value.Replace("'", "''", StringComparison.Ordinal)}'");
        }

        File.AppendAllText(Path.Combine(dataDirectory, "postgresql.conf"), settings.ToString());
        File.WriteAllText(Path.Combine(dataDirectory, PasswordFileName), password);
        if (runAsPostgres)
        {
            Run(null, false, "chown", ["-R", "postgres", dataDirectory], "hand the data folder to the postgres user");
        }
    }

    private static int? RunningPort(string binDirectory, string dataDirectory, bool runAsPostgres)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || Run(binDirectory, runAsPostgres, "pg_ctl", ["-D", dataDirectory, "status"], null) != 0)
        {
            return null;
        }

        // postmaster.pid: line 4 is the port the running server listens on.
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_.]*$")]
    private static partial System.Text.RegularExpressions.Regex SettingName();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a tool, as postgres when asked; throws with its output when <paramref name="purpose"/> is given and it fails.</summary>
    private static int Run(string? binDirectory, bool asPostgres, string tool, IReadOnlyList<string> arguments, string? purpose)
    {
        var executable = binDirectory is null ? tool : Path.Combine(binDirectory, tool);
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : executable,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server inherits this folder; the service's own may be unreadable to postgres.
            WorkingDirectory = "/",
        };
        if (asPostgres)
        {
            foreach (var arg in (string[])["-u", "postgres", "--", executable])
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new LocalPostgresUnavailableException($"Could not run {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new LocalPostgresUnavailableException($"{tool} did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0 && purpose is not null)
        {
            var output = (stdout.Wait(TimeSpan.FromSeconds(1)) ? stdout.Result : "") + (stderr.Wait(TimeSpan.FromSeconds(1)) ? stderr.Result : "");
            throw new LocalPostgresUnavailableException($"Could not {purpose}: {tool} exited with {process.ExitCode}. {output.Trim()}");
        }

        return process.ExitCode;
    }
}
