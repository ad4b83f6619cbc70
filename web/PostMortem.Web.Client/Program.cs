using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using PostMortem.Web.Client.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.Services.AddPostMortemBrowserServices(new Uri(builder.HostEnvironment.BaseAddress));
await builder.Build().RunAsync();
