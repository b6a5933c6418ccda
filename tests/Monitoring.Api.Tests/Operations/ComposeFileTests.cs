using System.Text.RegularExpressions;
using Monitoring.Api.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Monitoring.Api.Tests.Operations;

/// <summary>Issue 18: docker-compose.yml cannot run here (no Docker engine); what can be checked of it is.</summary>
public class ComposeFileTests
{
    private static readonly string ComposePath = Path.Combine(SolutionPaths.Root, "docker-compose.yml");

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(ComposePath)) yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents.Single().RootNode)["services"];
    }

    private static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Text(YamlNode? node) => (node as YamlScalarNode)?.Value ?? "";

    private static IReadOnlyDictionary<string, string> Environment(YamlNode service) =>
        ((YamlMappingNode)Child(service, "environment")!).Children.ToDictionary(e => Text(e.Key), e => Text(e.Value));

    private static List<(string Name, YamlNode Node)> Replicas() =>
        Services().Children.Where(s => Child(s.Value, "environment") is { } env && Environment(s.Value).ContainsKey("ConnectionStrings__Monitoring"))
            .Select(s => (Text(s.Key), s.Value)).ToList();

    [Fact]
    public void Two_replicas_of_the_service_share_one_PostgreSQL_that_must_be_healthy_first()
    {
        var services = Services();
        Child(services, "postgres").ShouldNotBeNull();
        Text(Child(Child(services, "postgres")!, "image")).ShouldStartWith("postgres:");
        Child(Child(services, "postgres")!, "healthcheck").ShouldNotBeNull();
        ((YamlSequenceNode)Child(Child(services, "postgres")!, "volumes")!).Children.Select(Text).ShouldContain(v => v.EndsWith(":/var/lib/postgresql/data"));

        var replicas = Replicas();
        replicas.Count.ShouldBe(2);
        var connections = replicas.Select(r => Environment(r.Node)["ConnectionStrings__Monitoring"]).Distinct().ToList();
        connections.Count.ShouldBe(1, "both replicas use the same database");
        connections[0].ShouldContain("Host=postgres;");
        foreach (var (name, node) in replicas)
        {
            Text(Child(Child(Child(node, "depends_on")!, "postgres")!, "condition")).ShouldBe("service_healthy", name);
            Text(Child(node, "restart")).ShouldBe("unless-stopped", name);
            var check = string.Join(' ', ((YamlSequenceNode)Child(Child(node, "healthcheck")!, "test")!).Children.Select(Text));
            check.ShouldContain("/health/ready", Case.Sensitive, name);
            check.ShouldContain("/8080", Case.Sensitive, name);
        }
        // One image, built once from deploy/Dockerfile.
        replicas.Select(r => Text(Child(r.Node, "image"))).Distinct().Count().ShouldBe(1);
        var build = replicas.Select(r => Child(r.Node, "build")).Single(b => b is not null)!;
        File.Exists(Path.Combine(SolutionPaths.Root, Text(Child(build, "context")), Text(Child(build, "dockerfile")))).ShouldBeTrue();
    }

    [Fact]
    public void The_ports_mapped_are_the_port_the_Dockerfile_exposes_and_the_service_listens_on()
    {
        var dockerfile = File.ReadAllText(Path.Combine(SolutionPaths.Root, "deploy", "Dockerfile"));
        var exposed = Regex.Match(dockerfile, @"^EXPOSE\s+(\d+)", RegexOptions.Multiline).Groups[1].Value;
        exposed.ShouldNotBeEmpty();
        dockerfile.ShouldContain($"ASPNETCORE_URLS=http://+:{exposed}");
        var hostPorts = new List<string>();
        foreach (var (name, node) in Replicas())
        {
            var ports = ((YamlSequenceNode)Child(node, "ports")!).Children.Select(Text).ToList();
            ports.ShouldAllBe(p => p.EndsWith(":" + exposed), name);
            hostPorts.AddRange(ports.Select(p => p.Split(':')[0]));
        }
        hostPorts.Distinct().Count().ShouldBe(hostPorts.Count, "each replica has its own host port");
    }

    [Fact]
    public void No_secret_is_written_in_the_file_only_taken_from_the_environment()
    {
        foreach (var (name, node) in Replicas().Concat([("postgres", Child(Services(), "postgres")!)]))
            foreach (var (key, value) in Environment(node).Where(e => Regex.IsMatch(e.Key, "Password|Key|Secret", RegexOptions.IgnoreCase)))
                value.ShouldMatch(@"^\$\{[A-Z_]+(:?[-?][^}]*)?\}$", $"{name}: {key} must come from a variable");
        foreach (var (name, node) in Replicas())
            Regex.Match(Environment(node)["ConnectionStrings__Monitoring"], "Password=([^;]*)").Groups[1].Value.ShouldStartWith("${", customMessage: name);
    }

    [Fact]
    public void Metrics_are_allowed_from_the_compose_network_only_and_OTLP_is_optional()
    {
        var network = Text(Child(((YamlSequenceNode)Child(Child(Child(Child(new YamlStreamRoot().Root, "networks")!, "backend")!, "ipam")!, "config")!).Children[0], "subnet"));
        foreach (var (name, node) in Replicas())
        {
            var environment = Environment(node);
            environment["Metrics__AllowedNetworks__0"].ShouldBe(network, name);
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"].ShouldBe("${OTEL_EXPORTER_OTLP_ENDPOINT:-}", name);
        }
    }

    private sealed class YamlStreamRoot
    {
        public YamlNode Root { get; }

        public YamlStreamRoot()
        {
            var yaml = new YamlStream();
            using var reader = File.OpenText(ComposePath);
            yaml.Load(reader);
            Root = yaml.Documents.Single().RootNode;
        }
    }
}
