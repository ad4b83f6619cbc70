// The wire contract (Core's Protocol namespace) is what every part of the server speaks: the hub, the endpoints, the
// board hosts that write entries and presence, health. One global using instead of one in nearly every file.
global using PostMortem.Core.Protocol;
